#ifndef ICTINDEX_CLIBXML2_SHIM_H
#define ICTINDEX_CLIBXML2_SHIM_H
/* xmlversion.h first, then switch off ICU: Debian's libxml2 is built with ICU, and its headers
   would pull the system ICU headers, which clash with Foundation's own copy (_FoundationICU). */
#include <libxml/xmlversion.h>
#undef LIBXML_ICU_ENABLED
#include <libxml/HTMLparser.h>
#include <libxml/xpath.h>
#include <libxml/xpathInternals.h>
#include <libxml/xmlerror.h>
#include <libxml/globals.h>

/* xmlFree is a global function pointer (rejected by Swift 6 as not concurrency-safe) and
   xmlParserVersion is a macro: wrap both. */
static inline void ictx_xmlFree(void *pointer) { xmlFree(pointer); }
static inline const char *ictx_xmlParserVersion(void) { return xmlParserVersion; }
/* Parser errors go to a counter (or nowhere), never to stderr. HTML5 tags unknown to libxml2
   2.9 (nav, section…) are not counted as errors. The handler is per thread in libxml2. */
static void ictx_errorCounter(void *context, xmlErrorPtr error) {
    if (context != NULL && error != NULL && error->code != XML_HTML_UNKNOWN_TAG) { (*(int *)context)++; }
}
static void ictx_genericIgnore(void *context, const char *message, ...) { (void)context; (void)message; }
static inline void ictx_setErrorCounter(int *counter) {
    xmlSetGenericErrorFunc(NULL, ictx_genericIgnore);
    xmlSetStructuredErrorFunc(counter, ictx_errorCounter);
}
#endif
