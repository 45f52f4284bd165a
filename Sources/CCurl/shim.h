#ifndef EASEL_CCURL_SHIM_H
#define EASEL_CCURL_SHIM_H
#include <curl/curl.h>

/* Typed, non-variadic entry points for the variadic libcurl calls. Swift cannot
   call C variadic functions, and a wrong argument type through `...` is
   undefined behaviour, so every option kind gets its own shim. */

static inline CURLcode easel_curl_global_init_all(void) {
    return curl_global_init(CURL_GLOBAL_ALL);
}

static inline CURLcode easel_curl_easy_setopt_long(CURL *handle, CURLoption option, long value) {
    return curl_easy_setopt(handle, option, value);
}

/* Strings (curl copies them), header lists and user-data pointers (curl does not). */
static inline CURLcode easel_curl_easy_setopt_pointer(CURL *handle, CURLoption option, const void *value) {
    return curl_easy_setopt(handle, option, value);
}

static inline CURLcode easel_curl_easy_setopt_off_t(CURL *handle, CURLoption option, curl_off_t value) {
    return curl_easy_setopt(handle, option, value);
}

/* CURLOPT_WRITEFUNCTION and CURLOPT_HEADERFUNCTION share this signature. */
static inline CURLcode easel_curl_easy_setopt_write_function(CURL *handle, CURLoption option, curl_write_callback callback) {
    return curl_easy_setopt(handle, option, callback);
}

static inline CURLcode easel_curl_easy_getinfo_long(CURL *handle, CURLINFO info, long *value) {
    return curl_easy_getinfo(handle, info, value);
}

static inline CURLcode easel_curl_easy_getinfo_off_t(CURL *handle, CURLINFO info, curl_off_t *value) {
    return curl_easy_getinfo(handle, info, value);
}

static inline CURLMcode easel_curl_multi_setopt_long(CURLM *handle, CURLMoption option, long value) {
    return curl_multi_setopt(handle, option, value);
}

/* CURLMsg keeps its result in an anonymous-member union. */
static inline CURLcode easel_curl_msg_result(const CURLMsg *message) {
    return message->data.result;
}

#endif
