#pragma once
// Loading tables of labelled vectors from the files people actually have:
// word2vec text and binary, GloVe text, TensorFlow Embedding Projector TSV
// (+ metadata.tsv), CSV and NumPy .npy. Pure C++ (std::from_chars), no Qt.
// Every failure names the file, the line (text) or byte offset (binary) and the
// reason; sizes declared in headers are checked against the file length before
// anything is allocated.

#include "engine/core/embedding_table.h"
#include "engine/core/message.h"

#include <atomic>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace aimath::io {

enum class EmbeddingFormat { Auto, Word2VecText, Word2VecBinary, GloveText, Tsv, Csv, Npy };

/// Command-line ids: auto word2vec word2vec-binary glove tsv csv npy.
const std::vector<std::string>& embeddingFormatIds();
std::string embeddingFormatId(EmbeddingFormat f);
std::optional<EmbeddingFormat> embeddingFormatFromId(std::string_view id);

/// Shared between a loading thread and the GUI: progress in ‰ of the bytes read, and a cancel request.
struct LoadControl {
    std::atomic<bool> cancel{false};
    std::atomic<int> permille{0};
};

struct LoadOptions {
    EmbeddingFormat format = EmbeddingFormat::Auto;  ///< Auto: detected from content and extension
    std::string metadataPath;  ///< TSV labels (Projector metadata.tsv); empty: "metadata.tsv" next to a "*vectors*.tsv"
    LoadControl* control = nullptr;
    std::uint64_t memoryLimitBytes = 0;  ///< 0: the memory the system reports available
    /// word2vec/GloVe text at least this large is parsed by two threads, split at a line boundary (0: always split).
    std::size_t parallelMinBytes = std::size_t{8} << 20;
};

struct LoadResult {
    bool ok = false;
    bool cancelled = false;
    std::string message;  ///< "<file>: line 12: expected 100 values, found 99" when !ok
    Message why;          ///< message, translatable (message == why.text())
    EmbeddingFormat format = EmbeddingFormat::Auto;  ///< the format actually parsed
    EmbeddingTable table;
};

/// Picks the format from the first bytes of the file and its extension.
EmbeddingFormat detectEmbeddingFormat(std::string_view path, std::string_view head);

/// Reads and parses a file. Never throws.
LoadResult loadEmbeddings(const std::string& path, const LoadOptions& options = {});

/// Parses bytes already in memory; `name` is used in messages and for the extension.
LoadResult parseEmbeddings(std::string_view bytes, const std::string& name, const LoadOptions& options = {});

/// Bytes of memory the system reports available (MemAvailable), 0 when unknown.
std::uint64_t availableMemoryBytes();

}  // namespace aimath::io
