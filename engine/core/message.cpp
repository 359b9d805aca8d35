#include "engine/core/message.h"

namespace aimath {

std::string Message::text() const
{
    if (!m_templ)
        return m_data;
    const std::string t(m_templ);
    std::string out;
    out.reserve(t.size() + 16 * m_args.size());
    for (std::size_t i = 0; i < t.size(); ++i) {
        if (t[i] == '%' && i + 1 < t.size() && t[i + 1] >= '1' && t[i + 1] <= '9') {
            const auto k = static_cast<std::size_t>(t[i + 1] - '1');
            if (k < m_args.size()) {
                out += m_args[k].text();
                ++i;
                continue;
            }
        }
        out += t[i];
    }
    return out;
}

}  // namespace aimath
