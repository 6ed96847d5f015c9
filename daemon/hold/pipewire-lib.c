/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * pipewire-lib.c — see pipewire-lib.h. Why opened and not linked: linked,
 * libpipewire's relocated tables alone (.data.rel.ro, 167 kB in 0.3.65)
 * would be private memory in every mobed, with PipeWire or without, with
 * the keys on or off (docs/footprint.md has the measurements).
 */
#define MOBED_PW_LIB_IMPLEMENTATION
#include "daemon/hold/pipewire-lib.h"

#ifdef MOBED_HAVE_PIPEWIRE
#include <dlfcn.h>
#include <string.h>

#define PW_LIBRARY "libpipewire-0.3.so.0"

/* The library as packaging tools can see it without a link to it: an ELF
 * .note.dlopen (owner "FDO", type 0x407c0c0a, a JSON list), the format
 * systemd documents as "dlopen() metadata for ELF files". */
#define DLOPEN_JSON \
  "[{\"feature\":\"pipewire\",\"description\":\"Calls and screen sharing hold breaks\"," \
  "\"priority\":\"recommended\",\"soname\":[\"" PW_LIBRARY "\"]}]"

__attribute__ ((used, section (".note.dlopen"), aligned (4)))
static const struct {
  guint32 name_size;
  guint32 desc_size;
  guint32 type;
  char    name[4];
  char    desc[(sizeof (DLOPEN_JSON) + 3) & ~3];
} dlopen_note = { 4, sizeof (DLOPEN_JSON), 0x407c0c0a, "FDO", DLOPEN_JSON };

MobedPwLib mobed_pw_lib;

void
mobed_pw_lib_close (void)
{
  if (mobed_pw_lib.handle == NULL)
    return;
  mobed_pw_lib.pw_deinit ();
  dlclose (mobed_pw_lib.handle);
  memset (&mobed_pw_lib, 0, sizeof mobed_pw_lib);
}

gboolean
mobed_pw_lib_open (void)
{
  MobedPwLib *lib = &mobed_pw_lib;

  if (lib->handle != NULL)
    return TRUE;
  lib->handle = dlopen (PW_LIBRARY, RTLD_NOW | RTLD_LOCAL);
  if (lib->handle == NULL)
    {
      g_message ("PipeWire: cannot load %s (%s); calls and screen sharing are not seen",
                 PW_LIBRARY, dlerror ());
      return FALSE;
    }
#define LOOKUP(f) \
  if ((*(void **) &lib->f = dlsym (lib->handle, #f)) == NULL) \
    { \
      g_message ("PipeWire: %s has no %s", PW_LIBRARY, #f); \
      dlclose (lib->handle); \
      memset (lib, 0, sizeof *lib); \
      return FALSE; \
    }
  MOBED_PW_FUNCS (LOOKUP)
#undef LOOKUP
  lib->pw_init (NULL, NULL);
  return TRUE;
}
#endif
