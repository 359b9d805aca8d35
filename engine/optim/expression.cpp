#include "engine/optim/expression.h"

#include "engine/core/parse.h"

#include <array>
#include <cctype>
#include <utility>

namespace aimath::optim {
namespace {

constexpr int kMaxDepth = 200;      // nesting guard: deeper input is an error, never a stack overflow
constexpr std::size_t kMaxLength = 10000;

struct FunctionName {
    std::string_view name;
    Expression::Op op;
    int arity;
};
constexpr std::array<FunctionName, 13> kFunctions{{
    {"sin", Expression::Op::Sin, 1},         {"cos", Expression::Op::Cos, 1},   {"tan", Expression::Op::Tan, 1},
    {"exp", Expression::Op::Exp, 1},         {"log", Expression::Op::Log, 1},   {"sqrt", Expression::Op::Sqrt, 1},
    {"abs", Expression::Op::Abs, 1},         {"tanh", Expression::Op::Tanh, 1}, {"sigmoid", Expression::Op::Sigmoid, 1},
    {"softplus", Expression::Op::Softplus, 1}, {"relu", Expression::Op::Relu, 1}, {"min", Expression::Op::Min, 2},
    {"max", Expression::Op::Max, 2},
}};

struct ParseError {
    std::size_t pos;
    Message message;
};

class Parser {
public:
    explicit Parser(std::string_view s) : m_s(s) {}

    std::vector<Expression::Instr> run()
    {
        skipSpace();
        if (atEnd())
            fail(Message(QT_TRANSLATE_NOOP("aimath::engine", "expected an expression, found end of input")));
        expr(0);
        skipSpace();
        if (!atEnd())
            fail(Message(QT_TRANSLATE_NOOP("aimath::engine", "expected an operator (+ - * / ^) or the end of the expression, found %1"), {describeHere()}));
        return std::move(m_out);
    }

private:
    [[noreturn]] void fail(Message msg) const { throw ParseError{m_pos, std::move(msg)}; }
    [[noreturn]] void failAt(std::size_t pos, Message msg) const { throw ParseError{pos, std::move(msg)}; }
    bool atEnd() const { return m_pos >= m_s.size(); }
    void skipSpace()
    {
        while (!atEnd() && std::isspace(static_cast<unsigned char>(m_s[m_pos])))
            ++m_pos;
    }
    Message describeHere() const
    {
        if (atEnd())
            return Message(QT_TRANSLATE_NOOP("aimath::engine", "end of input"));
        std::string r(3, '\'');  // built in place: GCC 12 warns falsely (-Wrestrict) on "'" + string + "'"
        r[1] = m_s[m_pos];
        return r;
    }
    void emit(Expression::Op op, double v = 0.0) { m_out.push_back({op, v}); }
    static std::string column(std::size_t pos) { return std::to_string(pos + 1); }

    void expr(int depth)
    {
        if (depth > kMaxDepth)
            fail(Message(QT_TRANSLATE_NOOP("aimath::engine", "expression nested deeper than %1 levels"), {std::to_string(kMaxDepth)}));
        term(depth);
        for (;;) {
            skipSpace();
            if (atEnd() || (m_s[m_pos] != '+' && m_s[m_pos] != '-'))
                return;
            const char c = m_s[m_pos++];
            term(depth);
            emit(c == '+' ? Expression::Op::Add : Expression::Op::Sub);
        }
    }
    void term(int depth)
    {
        unary(depth);
        for (;;) {
            skipSpace();
            if (atEnd() || (m_s[m_pos] != '*' && m_s[m_pos] != '/'))
                return;
            const char c = m_s[m_pos++];
            unary(depth);
            emit(c == '*' ? Expression::Op::Mul : Expression::Op::Div);
        }
    }
    void unary(int depth)
    {
        if (depth > kMaxDepth)
            fail(Message(QT_TRANSLATE_NOOP("aimath::engine", "expression nested deeper than %1 levels"), {std::to_string(kMaxDepth)}));
        skipSpace();
        if (!atEnd() && (m_s[m_pos] == '-' || m_s[m_pos] == '+')) {
            const char c = m_s[m_pos++];
            unary(depth + 1);
            if (c == '-')
                emit(Expression::Op::Neg);
            return;
        }
        power(depth);
    }
    void power(int depth)
    {
        primary(depth);
        skipSpace();
        if (!atEnd() && m_s[m_pos] == '^') {
            ++m_pos;
            unary(depth + 1);
            emit(Expression::Op::Pow);
        }
    }
    void primary(int depth)
    {
        skipSpace();
        if (atEnd())
            fail(Message(QT_TRANSLATE_NOOP("aimath::engine", "expected a number, x, y, a function or '(', found end of input")));
        const char c = m_s[m_pos];
        if (c == '(') {
            const std::size_t open = m_pos++;
            expr(depth + 1);
            skipSpace();
            if (atEnd() || m_s[m_pos] != ')')
                fail(Message(QT_TRANSLATE_NOOP("aimath::engine", "expected ')' to close the '(' at column %1, found %2"), {column(open), describeHere()}));
            ++m_pos;
            return;
        }
        if (std::isdigit(static_cast<unsigned char>(c)) || c == '.') {
            number();
            return;
        }
        if (std::isalpha(static_cast<unsigned char>(c)) || c == '_') {
            name(depth);
            return;
        }
        fail(Message(QT_TRANSLATE_NOOP("aimath::engine", "expected a number, x, y, a function or '(', found %1"), {describeHere()}));
    }
    void number()
    {
        const std::size_t start = m_pos;
        auto digits = [&] {
            std::size_t n = 0;
            while (!atEnd() && std::isdigit(static_cast<unsigned char>(m_s[m_pos]))) {
                ++m_pos;
                ++n;
            }
            return n;
        };
        std::size_t n = digits();
        if (!atEnd() && m_s[m_pos] == '.') {
            ++m_pos;
            n += digits();
        }
        if (n == 0)
            failAt(start, Message(QT_TRANSLATE_NOOP("aimath::engine", "expected digits in the number")));
        if (!atEnd() && (m_s[m_pos] == 'e' || m_s[m_pos] == 'E')) {
            // An exponent only when digits follow (so "2*e" and "2e" stay distinguishable: "2e" is an error below).
            std::size_t p = m_pos + 1;
            if (p < m_s.size() && (m_s[p] == '+' || m_s[p] == '-'))
                ++p;
            if (p < m_s.size() && std::isdigit(static_cast<unsigned char>(m_s[p]))) {
                m_pos = p;
                digits();
            } else {
                failAt(m_pos, Message(QT_TRANSLATE_NOOP("aimath::engine", "expected digits after the exponent 'e' of the number")));
            }
        }
        const auto parsed = aimath::parseReal(m_s.substr(start, m_pos - start));
        if (!parsed.ok())
            failAt(start, Message(QT_TRANSLATE_NOOP("aimath::engine", "invalid number: %1"), {parsed.why}));
        if (!std::isfinite(parsed.value))
            failAt(start, Message(QT_TRANSLATE_NOOP("aimath::engine", "number out of range: %1"), {std::string(m_s.substr(start, m_pos - start))}));
        emit(Expression::Op::Const, parsed.value);
    }
    void name(int depth)
    {
        const std::size_t start = m_pos;
        while (!atEnd() && (std::isalnum(static_cast<unsigned char>(m_s[m_pos])) || m_s[m_pos] == '_'))
            ++m_pos;
        const std::string_view id = m_s.substr(start, m_pos - start);
        if (id == "x") { emit(Expression::Op::X); return; }
        if (id == "y") { emit(Expression::Op::Y); return; }
        if (id == "pi") { emit(Expression::Op::Const, 3.14159265358979323846); return; }
        if (id == "e") { emit(Expression::Op::Const, 2.718281828459045235360); return; }
        for (const auto& f : kFunctions) {
            if (f.name != id)
                continue;
            skipSpace();
            if (atEnd() || m_s[m_pos] != '(')
                fail(Message(QT_TRANSLATE_NOOP("aimath::engine", "expected '(' after the function %1, found %2"), {std::string(id), describeHere()}));
            const std::size_t open = m_pos++;
            expr(depth + 1);
            for (int a = 1; a < f.arity; ++a) {
                skipSpace();
                if (atEnd() || m_s[m_pos] != ',')
                    fail(Message(QT_TRANSLATE_NOOP("aimath::engine", "%1 takes %2 arguments: expected ',', found %3"), {std::string(id), std::to_string(f.arity), describeHere()}));
                ++m_pos;
                expr(depth + 1);
            }
            skipSpace();
            if (!atEnd() && m_s[m_pos] == ',')
                fail(Message(f.arity == 1 ? QT_TRANSLATE_NOOP("aimath::engine", "%1 takes %2 argument: expected ')', found ','") : QT_TRANSLATE_NOOP("aimath::engine", "%1 takes %2 arguments: expected ')', found ','"),
                             {std::string(id), std::to_string(f.arity)}));
            if (atEnd() || m_s[m_pos] != ')')
                fail(Message(QT_TRANSLATE_NOOP("aimath::engine", "expected ')' to close the '(' at column %1, found %2"), {column(open), describeHere()}));
            ++m_pos;
            emit(f.op);
            return;
        }
        failAt(start, Message(QT_TRANSLATE_NOOP("aimath::engine", "unknown name '%1' (use x, y, pi, e or one of sin cos tan exp log sqrt abs tanh sigmoid softplus relu min max)"), {std::string(id)}));
    }

    std::string_view m_s;
    std::size_t m_pos = 0;
    std::vector<Expression::Instr> m_out;
};

}  // namespace

Expression::ParseResult Expression::parse(std::string_view text)
{
    ParseResult r;
    if (text.size() > kMaxLength) {
        r.position = kMaxLength;
        r.why = Message(QT_TRANSLATE_NOOP("aimath::engine", "column %1: %2"), {std::to_string(kMaxLength + 1), Message(QT_TRANSLATE_NOOP("aimath::engine", "expression longer than %1 characters"), {std::to_string(kMaxLength)})});
        r.message = r.why.text();
        return r;
    }
    try {
        Parser p(text);
        std::vector<Instr> prog = p.run();
        // The stack depth the program needs, so evaluate() never reallocates.
        std::size_t depth = 0, maxDepth = 0;
        for (const auto& in : prog) {
            switch (in.op) {
            case Op::Const: case Op::X: case Op::Y: ++depth; break;
            case Op::Add: case Op::Sub: case Op::Mul: case Op::Div: case Op::Pow: case Op::Min: case Op::Max: --depth; break;
            default: break;
            }
            maxDepth = std::max(maxDepth, depth);
        }
        m_program = std::move(prog);
        m_text = std::string(text);
        m_maxStack = maxDepth;
        r.ok = true;
    } catch (const ParseError& e) {
        r.position = e.pos;
        r.why = Message(QT_TRANSLATE_NOOP("aimath::engine", "column %1: %2"), {std::to_string(e.pos + 1), e.message});
        r.message = r.why.text();
    }
    return r;
}

template <class T>
T Expression::evaluate(const T& x, const T& y) const
{
    // Small programs use a stack array; deeper ones a heap vector sized once.
    constexpr std::size_t kInline = 32;
    T inlineStack[kInline];
    std::vector<T> heap;
    T* st = inlineStack;
    if (m_maxStack > kInline) {
        heap.resize(m_maxStack);
        st = heap.data();
    }
    std::size_t n = 0;
    for (const auto& in : m_program) {
        switch (in.op) {
        case Op::Const: st[n++] = T(in.value); break;
        case Op::X: st[n++] = x; break;
        case Op::Y: st[n++] = y; break;
        case Op::Add: --n; st[n - 1] = st[n - 1] + st[n]; break;
        case Op::Sub: --n; st[n - 1] = st[n - 1] - st[n]; break;
        case Op::Mul: --n; st[n - 1] = st[n - 1] * st[n]; break;
        case Op::Div: --n; st[n - 1] = st[n - 1] / st[n]; break;
        case Op::Pow: --n; st[n - 1] = pow(st[n - 1], st[n]); break;
        case Op::Min: --n; st[n - 1] = min(st[n - 1], st[n]); break;
        case Op::Max: --n; st[n - 1] = max(st[n - 1], st[n]); break;
        case Op::Neg: st[n - 1] = -st[n - 1]; break;
        case Op::Sin: st[n - 1] = sin(st[n - 1]); break;
        case Op::Cos: st[n - 1] = cos(st[n - 1]); break;
        case Op::Tan: st[n - 1] = tan(st[n - 1]); break;
        case Op::Exp: st[n - 1] = exp(st[n - 1]); break;
        case Op::Log: st[n - 1] = log(st[n - 1]); break;
        case Op::Sqrt: st[n - 1] = sqrt(st[n - 1]); break;
        case Op::Abs: st[n - 1] = abs(st[n - 1]); break;
        case Op::Tanh: st[n - 1] = tanh(st[n - 1]); break;
        case Op::Sigmoid: st[n - 1] = sigmoid(st[n - 1]); break;
        case Op::Softplus: st[n - 1] = softplus(st[n - 1]); break;
        case Op::Relu: st[n - 1] = relu(st[n - 1]); break;
        }
    }
    return n == 1 ? st[0] : T(0.0);
}

template double Expression::evaluate<double>(const double&, const double&) const;
template Jet<false> Expression::evaluate<Jet<false>>(const Jet<false>&, const Jet<false>&) const;
template Jet<true> Expression::evaluate<Jet<true>>(const Jet<true>&, const Jet<true>&) const;

}  // namespace aimath::optim
