// ParleyXML: the only module that imports libxml2.
import CLibXML2
