#include "widgets/common/embedding_store.h"

namespace aimath {

EmbeddingStore& EmbeddingStore::instance()
{
    static EmbeddingStore store;
    return store;
}

void EmbeddingStore::setCurrent(std::shared_ptr<const EmbeddingTable> table)
{
    m_table = std::move(table);
    emit changed();
}

}  // namespace aimath
