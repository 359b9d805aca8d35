#pragma once
// A message the engine builds for a person: an English template with %1..%9
// and its arguments, kept apart so the window can show it in another language
// (widgets/common/engine_message.h) while the command line, logs and tests
// read text(), the English, unchanged. No Qt: the templates are marked with
// QT_TRANSLATE_NOOP("aimath::engine", "…") only so lupdate finds them
// (translations/engine_zh_CN.ts); here the macro is the text itself.

#include <initializer_list>
#include <string>
#include <vector>

#ifndef QT_TRANSLATE_NOOP
#define QT_TRANSLATE_NOOP(scope, x) x  // the same definition as Qt's, so either may come first
#endif

namespace aimath {

class Message {
public:
    /// The empty message (no problem).
    Message() = default;
    /// A template, marked QT_TRANSLATE_NOOP("aimath::engine", …), with static storage; %k takes args[k-1].
    Message(const char* templ, std::initializer_list<Message> args = {}) : m_templ(templ), m_args(args) {}
    /// Data shown as it is in every language (a number, a key, a file name, quoted input).
    Message(std::string data) : m_data(std::move(data)) {}  // NOLINT(google-explicit-constructor): args read naturally

    bool empty() const { return !m_templ && m_data.empty(); }
    /// The English text: the template with every %k replaced by args[k-1].text() in one pass.
    std::string text() const;

    const char* templ() const { return m_templ; }  ///< nullptr for data
    const std::string& data() const { return m_data; }
    const std::vector<Message>& args() const { return m_args; }

private:
    const char* m_templ = nullptr;
    std::string m_data;
    std::vector<Message> m_args;
};

}  // namespace aimath
