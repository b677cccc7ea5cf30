#ifndef PARLEY_CLIBXML2_SHIM_H
#define PARLEY_CLIBXML2_SHIM_H

/* Debian's libxml2 is built with ICU, so <libxml/encoding.h> would include
 * ICU's <unicode/ucnv.h>. Foundation on Linux ships its own copy of ICU
 * (_FoundationICU), and a module that sees both fails to build ("UErrorCode
 * has different definitions in different modules"). Parley never touches
 * the ICU members of xmlCharEncodingHandler (it only passes pointers), so
 * the ICU part of the header is left out. */
#include <libxml/xmlversion.h>
#undef LIBXML_ICU_ENABLED

#include <libxml/parser.h>
#include <libxml/tree.h>
#include <libxml/xmlerror.h>
#include <libxml/xmlIO.h>
#include <libxml/xmlsave.h>
#include <libxml/xmlwriter.h>
#include <libxml/encoding.h>
#include <libxml/entities.h>
#include <libxml/HTMLparser.h>

/// In Swift 6 mode `xmlFree` is imported as a global variable of function
/// type and cannot be called directly; this wrapper makes it callable.
static inline void parley_xmlFree(void *pointer) {
    xmlFree(pointer);
}

#endif
