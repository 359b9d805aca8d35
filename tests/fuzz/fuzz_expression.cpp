// The descent tab's f(x, y) parser, and evaluation of whatever parses, with
// values and with both derivative orders.
#include "engine/optim/expression.h"

#include <cstdint>
#include <cstdlib>
#include <string_view>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    const std::string_view text(reinterpret_cast<const char*>(data), size);
    aimath::optim::Expression e;
    const auto r = e.parse(text);
    if (!r.ok) {
        if (r.message.empty() || r.position > size)
            std::abort();  // a parse error names what and where
        return 0;
    }
    for (double x : {-1.5, 0.0, 0.5, 2.0})
        for (double y : {-2.0, 0.0, 1.0}) {
            (void)e.evaluate<double>(x, y);
            (void)e.evaluate(aimath::optim::Jet<false>::variable(x, 0), aimath::optim::Jet<false>::variable(y, 1));
            (void)e.evaluate(aimath::optim::Jet<true>::variable(x, 0), aimath::optim::Jet<true>::variable(y, 1));
        }
    return 0;
}
