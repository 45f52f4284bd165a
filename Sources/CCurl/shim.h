#ifndef EASEL_CCURL_SHIM_H
#define EASEL_CCURL_SHIM_H
#include <curl/curl.h>
#endif
