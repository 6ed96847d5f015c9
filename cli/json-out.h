/*
 * json-out.h — the one way mobectl turns a finished JsonBuilder into text,
 * so every --json output is generated and printed alike.
 */
#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

/* The builder's document as text: indented when @pretty, else one line. */
char *mobectl_json_text  (JsonBuilder *builder, gboolean pretty);
/* Prints it indented, with a final newline. */
void  mobectl_json_print (JsonBuilder *builder);

G_END_DECLS
