#include "engine/prob/quadrature.h"

#include <algorithm>
#include <cmath>
#include <queue>

namespace aimath::prob {

namespace {
// Kronrod 15-point nodes/weights and the embedded Gauss 7-point weights (QUADPACK qk15).
constexpr double kXgk[8] = {0.991455371120812639206854697526329, 0.949107912342758524526189684047851,
                            0.864864423359769072789712788640926, 0.741531185599394439863864773280788,
                            0.586087235467691130294144845693013, 0.405845151377397166906606412076961,
                            0.207784955007898467600689403773245, 0.000000000000000000000000000000000};
constexpr double kWgk[8] = {0.022935322010529224963732008058970, 0.063092092629978553290700663189204,
                            0.104790010322250183839876322541518, 0.140653259715525918745189590510238,
                            0.169004726639267902826583426598550, 0.190350578064785409913256402421014,
                            0.204432940075298892414161999234649, 0.209482141084727828012999174891714};
constexpr double kWg[4] = {0.129484966168869693270611432679082, 0.279705391489276667901467771423780,
                           0.381830050505118944950369775488975, 0.417959183673469387755102040816327};

struct Piece {
    double a, b, value, error;
    bool operator<(const Piece& o) const { return error < o.error; }
};

Piece kronrod(const std::function<double(double)>& f, double a, double b, int& evals)
{
    const double c = 0.5 * (a + b), h = 0.5 * (b - a);
    const double fc = f(c);
    double resK = fc * kWgk[7];
    double resG = fc * kWg[3];
    for (int j = 0; j < 7; ++j) {
        const double dx = h * kXgk[j];
        const double s = f(c - dx) + f(c + dx);
        resK += kWgk[j] * s;
        if (j % 2 == 1)
            resG += kWg[j / 2] * s;
    }
    evals += 15;
    return Piece{a, b, resK * h, std::fabs((resK - resG) * h)};
}
}  // namespace

QuadratureResult integrate(const std::function<double(double)>& f, std::vector<double> breaks, double relTol, double absTol,
                           int maxIntervals)
{
    QuadratureResult r;
    std::sort(breaks.begin(), breaks.end());
    breaks.erase(std::unique(breaks.begin(), breaks.end()), breaks.end());
    if (breaks.size() < 2)
        return r;
    std::priority_queue<Piece> queue;
    double value = 0.0, error = 0.0;
    for (std::size_t i = 0; i + 1 < breaks.size(); ++i) {
        Piece p = kronrod(f, breaks[i], breaks[i + 1], r.evaluations);
        value += p.value;
        error += p.error;
        queue.push(p);
    }
    int intervals = static_cast<int>(queue.size());
    while (error > std::max(absTol, relTol * std::fabs(value)) && intervals < maxIntervals) {
        const Piece worst = queue.top();
        const double mid = 0.5 * (worst.a + worst.b);
        if (!(mid > worst.a && mid < worst.b))
            break;  // cannot bisect further in double precision
        queue.pop();
        const Piece left = kronrod(f, worst.a, mid, r.evaluations);
        const Piece right = kronrod(f, mid, worst.b, r.evaluations);
        value += left.value + right.value - worst.value;
        error += left.error + right.error - worst.error;
        queue.push(left);
        queue.push(right);
        ++intervals;
    }
    // Re-sum to shed the drift of the running updates.
    value = 0.0;
    error = 0.0;
    while (!queue.empty()) {
        value += queue.top().value;
        error += queue.top().error;
        queue.pop();
    }
    r.value = value;
    r.errorEstimate = error;
    r.converged = error <= std::max(absTol, relTol * std::fabs(value));
    return r;
}

}  // namespace aimath::prob
