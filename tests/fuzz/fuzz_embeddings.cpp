// Every embedding format parser on arbitrary bytes: the first byte picks the
// format (and the file name's extension), the rest is the file.
#include "engine/io/embedding_loader.h"

#include <cstdint>
#include <cstdlib>
#include <string>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    if (size < 1)
        return 0;
    using aimath::io::EmbeddingFormat;
    static const EmbeddingFormat kFormats[] = {EmbeddingFormat::Auto, EmbeddingFormat::Word2VecText, EmbeddingFormat::Word2VecBinary,
                                               EmbeddingFormat::GloveText, EmbeddingFormat::Tsv, EmbeddingFormat::Csv, EmbeddingFormat::Npy};
    static const char* const kNames[] = {"input.txt", "input.vec", "input.bin", "glove.txt", "vectors.tsv", "input.csv", "input.npy"};
    const unsigned pick = data[0] % 7;
    aimath::io::LoadOptions options;
    options.format = kFormats[pick];
    options.memoryLimitBytes = 256u << 20;  // a fuzzer must not be asked for gigabytes
    const std::string_view bytes(reinterpret_cast<const char*>(data + 1), size - 1);
    const aimath::io::LoadResult r = aimath::io::parseEmbeddings(bytes, kNames[pick], options);
    if (r.ok) {
        // A table that loads is consistent: one label per row, finite values.
        if (!r.table.labels.empty() && r.table.labels.size() != static_cast<std::size_t>(r.table.rows()))
            std::abort();
        if (!r.table.vectors.allFinite())
            std::abort();
    } else if (r.message.empty()) {
        std::abort();  // every failure says why
    }
    return 0;
}
