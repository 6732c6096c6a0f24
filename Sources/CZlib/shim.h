/* zlib's gz* functions inflate gzip files (OpenAlex snapshot parts, `.jsonl.gz`) as they are read. */
#include <zlib.h>
