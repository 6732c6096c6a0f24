#include <libxml/xmlversion.h>
/* libxml2's headers would pull in the system ICU, which clashes with the copy Foundation carries; Hublot
   uses no libxml2 API that involves ICU, so its declarations are left out. */
#undef LIBXML_ICU_ENABLED
#include <libxml/parser.h>
#include <libxml/parserInternals.h>
#include <libxml/SAX2.h>
#include <libxml/xmlerror.h>
