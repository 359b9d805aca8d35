#pragma once
// f(x, y) typed by the user: parsed once into a postfix program and evaluated
// with double (value) or Jet (gradient, Hessian by automatic differentiation).
//
// Grammar (precedence low → high; ^ is right-associative and binds tighter
// than unary minus, so -x^2 = -(x^2) and 2^-1 = 0.5):
//   expr    := term (('+' | '-') term)*
//   term    := unary (('*' | '/') unary)*
//   unary   := ('-' | '+') unary | power
//   power   := primary ('^' unary)?
//   primary := number | 'x' | 'y' | 'pi' | 'e' | name '(' expr (',' expr)? ')' | '(' expr ')'
// Functions: sin cos tan exp log sqrt abs tanh sigmoid softplus relu (one argument), min max (two).

#include "engine/core/message.h"
#include "engine/optim/jet.h"

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace aimath::optim {

class Expression {
public:
    enum class Op { Const, X, Y, Add, Sub, Mul, Div, Pow, Neg, Sin, Cos, Tan, Exp, Log, Sqrt, Abs, Tanh, Sigmoid, Softplus, Relu, Min, Max };
    struct Instr {
        Op op;
        double value = 0.0;  ///< for Const
    };

    /// The outcome of parse(): ok, or the 0-based offset into the text and what was expected there.
    struct ParseResult {
        bool ok = false;
        std::size_t position = 0;  ///< 0-based character offset of the problem
        std::string message;       ///< "column 5: expected ')' to close the '(' at column 1, found end of input"
        Message why;               ///< message, translatable
    };

    /// Parses text; on failure the expression keeps its previous program.
    ParseResult parse(std::string_view text);
    bool empty() const { return m_program.empty(); }
    const std::string& text() const { return m_text; }
    const std::vector<Instr>& program() const { return m_program; }

    /// f at (x, y) for T = double, Jet<false> or Jet<true>.
    template <class T>
    T evaluate(const T& x, const T& y) const;

private:
    std::vector<Instr> m_program;
    std::string m_text;
    std::size_t m_maxStack = 0;
};

extern template double Expression::evaluate<double>(const double&, const double&) const;
extern template Jet<false> Expression::evaluate<Jet<false>>(const Jet<false>&, const Jet<false>&) const;
extern template Jet<true> Expression::evaluate<Jet<true>>(const Jet<true>&, const Jet<true>&) const;

}  // namespace aimath::optim
