#ifndef PARLEY_CLIBXML2_SHIM_H
#define PARLEY_CLIBXML2_SHIM_H

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
