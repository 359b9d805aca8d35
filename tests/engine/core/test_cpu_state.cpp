// The one AVX2 switch (engine/core/cpu_state.h) and every run-time choice that goes through it:
// PCA's kernel table, the vectorised e^x (attention's rows use the same answer) and the float-format
// conversion loops. AIMATH_NO_AVX2 unset, empty or "0" lets the CPU decide; anything else forces the
// baseline everywhere. Then the conversion's baseline and AVX2 (+ F16C) paths against each other and
// against the scalar generic rounding, bit for bit, on NaN payloads, infinities, subnormals, ties and
// millions of random doubles, in arrays long enough for the two-thread split.
// CTest runs this executable as it comes and with AIMATH_NO_AVX2=1 (engine_core_test_cpu_state_baseline).

#include "engine/core/cpu_state.h"
#include "engine/core/vector_exp.h"
#include "engine/linalg/pca_kernels.h"
#include "engine/numerics/float_format.h"
#include "tests/support/float_edges.h"

#include <QTest>

#include <bit>
#include <cmath>
#include <cstdlib>
#include <limits>
#include <optional>
#include <random>
#include <string>
#include <vector>

using namespace aimath;
using namespace aimath::numerics;

namespace {

/// What each dispatcher says it runs, as one string per dispatcher.
struct Reports {
    std::string pca, exp, conversion;
};

Reports reports()
{
    return {linalg::pcaKernels().name, vexp::useAvx2() ? "avx2" : "baseline", bitKernelsName()};
}

/// What they must say when the switch is forced (or not) on this CPU.
Reports expected(bool forced)
{
    if (forced)
        return {"baseline", "baseline", "baseline"};
    const bool avx2 = cpu::cpuHasAvx2Fma() && linalg::pcaKernelsAvx2() != nullptr;
    return {avx2 ? "avx2+fma" : "baseline", avx2 ? "avx2" : "baseline",
            cpu::cpuHasAvx2F16c() ? "avx2+f16c" : cpu::cpuHasAvx2Fma() ? "avx2" : "baseline"};
}

void compareReports(const Reports& got, const Reports& want)
{
    QCOMPARE(got.pca, want.pca);
    QCOMPARE(got.exp, want.exp);
    QCOMPARE(got.conversion, want.conversion);
}

/// Sets AIMATH_NO_AVX2 (nullopt: unsets it) and makes the engine read it again.
void setSwitch(const std::optional<std::string>& value)
{
    if (value)
        setenv("AIMATH_NO_AVX2", value->c_str(), 1);
    else
        unsetenv("AIMATH_NO_AVX2");
    cpu::rereadEnvironment();
}

std::uint64_t bitsOf(double x) { return std::bit_cast<std::uint64_t>(x); }

/// Every edge a conversion to f has (tests/support/float_edges.h), then seeded random doubles.
std::vector<double> conversionInputs(const FloatFormat& f, std::size_t randomCount)
{
    std::vector<double> v = aimath::test::formatEdgeValues(f);
    const std::vector<double> rnd = aimath::test::randomFormatValues(f, 20261129, randomCount);
    v.insert(v.end(), rnd.begin(), rnd.end());
    return v;
}

/// The codes and rounded doubles of the array loops, with the switch as it is now.
struct Converted {
    std::vector<std::uint16_t> codes16;
    std::vector<std::uint8_t> codes8;
    std::vector<double> rounded;
};

/// Converts in[offset, offset + n) (an unaligned start when offset is odd).
Converted convert(const BitRounder& br, const FloatFormat& f, const std::vector<double>& in, std::size_t offset)
{
    const std::size_t n = in.size() - offset;
    Converted c;
    c.rounded.assign(n, -7.0);
    br.round(in.data() + offset, c.rounded.data(), n);
    if (f.totalBits() <= 8) {
        c.codes8.assign(n, 0xaa);
        br.encode(in.data() + offset, c.codes8.data(), n);
    } else if (f.totalBits() <= 16) {
        c.codes16.assign(n, 0xaaaa);
        br.encode(in.data() + offset, c.codes16.data(), n);
    }
    return c;
}

}  // namespace

class TestCpuState : public QObject {
    Q_OBJECT

private:
    std::optional<std::string> m_startValue;  ///< AIMATH_NO_AVX2 as the process started

private slots:
    void initTestCase()
    {
        if (const char* v = std::getenv("AIMATH_NO_AVX2"))
            m_startValue = v;
    }
    void cleanup()
    {
        setSwitch(m_startValue);  // each test leaves the switch as the process started
    }

    void startupEnvironmentDecides()
    {
        // Nothing has reread the environment yet: this is the value the engine read at its first question.
        const bool forced = m_startValue && !m_startValue->empty() && *m_startValue != "0";
        QCOMPARE(cpu::baselineForced(), forced);
        QCOMPARE(cpu::avx2Allowed(), cpu::cpuHasAvx2Fma() && !forced);
        QCOMPARE(cpu::f16cAllowed(), cpu::cpuHasAvx2F16c() && !forced);
        compareReports(reports(), expected(forced));
        if (forced)
            qInfo("AIMATH_NO_AVX2=%s: every dispatcher reports baseline", m_startValue->c_str());
    }

    void everyDispatcherFollowsTheSwitch_data()
    {
        QTest::addColumn<bool>("set");
        QTest::addColumn<QString>("value");
        QTest::addColumn<bool>("forced");
        QTest::newRow("unset") << false << QString() << false;
        QTest::newRow("empty") << true << QString("") << false;
        QTest::newRow("0") << true << QString("0") << false;
        QTest::newRow("1") << true << QString("1") << true;
        QTest::newRow("yes") << true << QString("yes") << true;
        QTest::newRow("00") << true << QString("00") << true;  // only "0" itself means allowed
        QTest::newRow("false") << true << QString("false") << true;
    }
    void everyDispatcherFollowsTheSwitch()
    {
        QFETCH(bool, set);
        QFETCH(QString, value);
        QFETCH(bool, forced);
        setSwitch(set ? std::optional<std::string>(value.toStdString()) : std::nullopt);
        QCOMPARE(cpu::baselineForced(), forced);
        compareReports(reports(), expected(forced));
        // The kernels themselves run (and agree) either way.
        const double x[3] = {0.0, 1.0, -2.0};
        double y[3] = {};
        vexp::expArray(x, y, 3);
        QCOMPARE(y[0], 1.0);
        std::uint16_t code = 0;
        BitRounder(*formatById("bf16"), Overflow::Ieee).encode(x + 1, &code, 1);
        QCOMPARE(code, std::uint16_t{0x3f80});
    }

    void avx512FollowsBothSwitches()
    {
        // AIMATH_NO_AVX512 keeps AVX2 (attention's softmax rows); AIMATH_NO_AVX2 turns AVX-512 off with the rest.
        const std::optional<std::string> start512 = std::getenv("AIMATH_NO_AVX512") ? std::optional<std::string>(std::getenv("AIMATH_NO_AVX512")) : std::nullopt;
        setSwitch(std::nullopt);
        unsetenv("AIMATH_NO_AVX512");
        cpu::rereadEnvironment();
        QCOMPARE(cpu::avx512Allowed(), cpu::cpuHasAvx512());
        QCOMPARE(vexp::useAvx512(), cpu::cpuHasAvx512());
        setenv("AIMATH_NO_AVX512", "1", 1);
        cpu::rereadEnvironment();
        QVERIFY(!cpu::avx512Allowed());
        QCOMPARE(cpu::avx2Allowed(), cpu::cpuHasAvx2Fma());  // AVX2 stays
        setenv("AIMATH_NO_AVX512", "0", 1);
        setSwitch(std::string("1"));
        QVERIFY(!cpu::avx512Allowed());
        if (start512)
            setenv("AIMATH_NO_AVX512", start512->c_str(), 1);
        else
            unsetenv("AIMATH_NO_AVX512");
        cpu::rereadEnvironment();
        if (!cpu::cpuHasAvx512())
            qInfo("no AVX-512 on this CPU: only the switches' off side is checked");
    }

    void conversionPathsGiveTheSameBits_data()
    {
        QTest::addColumn<QString>("format");
        QTest::addColumn<int>("overflow");
        for (const std::string& id : formatIds()) {
            if (!BitRounder::applies(*formatById(id), Rounding::NearestEven))
                continue;
            QTest::newRow((id + " ieee").c_str()) << QString::fromStdString(id) << static_cast<int>(Overflow::Ieee);
            QTest::newRow((id + " saturate").c_str()) << QString::fromStdString(id) << static_cast<int>(Overflow::Saturate);
        }
    }
    void conversionPathsGiveTheSameBits()
    {
        QFETCH(QString, format);
        QFETCH(int, overflow);
        const FloatFormat f = *formatById(format.toStdString());
        const auto o = static_cast<Overflow>(overflow);
        const BitRounder br(f, o);
        Quantizer reference(f, Rounding::NearestEven, o);
        // bf16 and fp16 (the hand-written kernel) and an 8-bit format get more than 2^21 values: the
        // arrays split over two threads from 2^20 on.
        const bool big = format == "bf16" || format == "fp16" || format == "fp8_e4m3";
        const std::vector<double> in = conversionInputs(f, big ? (std::size_t{1} << 21) + 3 : 200'000);
        for (std::size_t offset : {std::size_t{0}, std::size_t{3}}) {
            setSwitch("1");
            QCOMPARE(std::string(bitKernelsName()), std::string("baseline"));
            const Converted base = convert(br, f, in, offset);
            setSwitch(std::nullopt);
            const Converted fast = convert(br, f, in, offset);
            if (!cpu::cpuHasAvx2Fma())
                qInfo("no AVX2 on this CPU: the baseline is compared with itself and the reference only");
            for (std::size_t i = 0; i + offset < in.size(); ++i) {
                const double x = in[i + offset];
                const double want = reference.roundPairGeneric(x, 0.0);  // the scalar generic path, exact by construction
                const std::uint64_t wantCode = f.totalBits() <= 16 ? encodeValue(f, want) : 0;
                bool same = bitsOf(base.rounded[i]) == bitsOf(want) && bitsOf(fast.rounded[i]) == bitsOf(want);
                if (!base.codes16.empty())
                    same = same && base.codes16[i] == wantCode && fast.codes16[i] == wantCode;
                if (!base.codes8.empty())
                    same = same && base.codes8[i] == wantCode && fast.codes8[i] == wantCode;
                if (!same) {
                    const auto code = [&](const Converted& c) {
                        return !c.codes16.empty() ? int(c.codes16[i]) : !c.codes8.empty() ? int(c.codes8[i]) : -1;
                    };
                    QFAIL(qPrintable(QStringLiteral("x = %1 (0x%2) at %3+%4: reference %5 code %6; baseline %7 code %8; %9 %10 code %11")
                                         .arg(x, 0, 'g', 17)
                                         .arg(bitsOf(x), 16, 16, QLatin1Char('0'))
                                         .arg(offset)
                                         .arg(i)
                                         .arg(want, 0, 'g', 17)
                                         .arg(wantCode, 0, 16)
                                         .arg(base.rounded[i], 0, 'g', 17)
                                         .arg(code(base), 0, 16)
                                         .arg(bitKernelsName())
                                         .arg(fast.rounded[i], 0, 'g', 17)
                                         .arg(code(fast), 0, 16)));
                }
            }
        }
    }
};

QTEST_GUILESS_MAIN(TestCpuState)
#include "test_cpu_state.moc"
