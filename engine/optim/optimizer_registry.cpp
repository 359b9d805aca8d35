// The optimizer list. Adding one: one <name>.cpp defining make<Name>, one X(...) line below.
#include "engine/optim/optimizer.h"

namespace aimath::optim {

#define AIMATH_OPTIMIZERS(X)       \
    X("sgd", makeSgd)              \
    X("momentum", makeMomentum)    \
    X("nesterov", makeNesterov)    \
    X("adagrad", makeAdagrad)      \
    X("rmsprop", makeRmsprop)      \
    X("adam", makeAdam)            \
    X("adamw", makeAdamw)

#define AIMATH_DECLARE(id, fn) std::unique_ptr<Optimizer> fn(const OptimizerSettings&);
AIMATH_OPTIMIZERS(AIMATH_DECLARE)
#undef AIMATH_DECLARE

namespace {
struct Entry {
    const char* id;
    std::unique_ptr<Optimizer> (*make)(const OptimizerSettings&);
};
#define AIMATH_ENTRY(id, fn) Entry{id, &fn},
const Entry kEntries[] = {AIMATH_OPTIMIZERS(AIMATH_ENTRY)};
#undef AIMATH_ENTRY
}  // namespace

const std::vector<std::string>& optimizerIds()
{
    static const std::vector<std::string> ids = [] {
        std::vector<std::string> v;
        for (const auto& e : kEntries)
            v.emplace_back(e.id);
        return v;
    }();
    return ids;
}

std::unique_ptr<Optimizer> makeOptimizer(const std::string& id, const OptimizerSettings& settings)
{
    for (const auto& e : kEntries)
        if (id == e.id)
            return e.make(settings);
    return nullptr;
}

}  // namespace aimath::optim
