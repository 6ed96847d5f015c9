/*
 * json-out.c — JsonBuilder to text. json-glib does the escaping; stdout
 * then holds one JSON document and nothing else.
 */
#include "cli/json-out.h"

char *
mobectl_json_text (JsonBuilder *builder, gboolean pretty)
{
  g_autoptr(JsonGenerator) gen = json_generator_new ();
  g_autoptr(JsonNode) root = json_builder_get_root (builder);

  json_generator_set_root (gen, root);
  json_generator_set_pretty (gen, pretty);
  return json_generator_to_data (gen, NULL);
}

void
mobectl_json_print (JsonBuilder *builder)
{
  g_autofree char *text = mobectl_json_text (builder, TRUE);

  g_print ("%s\n", text);
}
