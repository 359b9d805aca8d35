#pragma once
// The embedding table currently loaded in the embeddings tab, shared in-process
// so the attention tab can use real word vectors (vectors = embeddings).

#include "engine/core/embedding_table.h"

#include <QObject>

#include <memory>

namespace aimath {

class EmbeddingStore : public QObject {
    Q_OBJECT
public:
    static EmbeddingStore& instance();
    std::shared_ptr<const EmbeddingTable> current() const { return m_table; }
    void setCurrent(std::shared_ptr<const EmbeddingTable> table);

signals:
    void changed();

private:
    std::shared_ptr<const EmbeddingTable> m_table;
};

}  // namespace aimath
