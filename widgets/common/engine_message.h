#pragma once
// Engine messages (engine/core/message.h) in the window's language.

#include "engine/core/message.h"

#include <QString>

namespace aimath {

/// The message's template through QCoreApplication::translate("aimath::engine", …), each argument
/// rendered the same way and put in for %1..%9 in one pass (a translation may reorder them). Data
/// arguments (numbers, keys, file names, quoted input) are shown as they are. Without a translation
/// the result is m.text(), byte for byte. Thread-safe, like QCoreApplication::translate.
QString trEngine(const Message& m);

}  // namespace aimath
