// Debian's libxml2 is built with ICU; its headers then pull in ICU's, which clash with the ICU module
// Foundation ships. Read the version header first and switch the ICU part off before the rest.
#include <libxml/xmlversion.h>
#undef LIBXML_ICU_ENABLED
#include <libxml/parser.h>
#include <libxml/HTMLparser.h>
#include <libxml/xmlreader.h>
#include <libxml/tree.h>
#include <libxml/xmlerror.h>
