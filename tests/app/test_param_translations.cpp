// Every parameter of every built-in tab reads in Chinese: with all compiled
// :/i18n/*_zh_CN.qm catalogues loaded, the panel's lookup
// QCoreApplication::translate("aimath::params", text) must find each label,
// group, tooltip and choice label (they are marked with
// QT_TRANSLATE_NOOP("aimath::params", …) where they are declared).
// A failure lists tab/key, the field and the English text: a checklist.
#include "app/builtin_tabs.h"

#include <QApplication>
#include <QDir>
#include <QTest>
#include <QTranslator>

#include <memory>
#include <vector>

using namespace aimath;

class TestParamTranslations : public QObject {
    Q_OBJECT

    std::vector<std::unique_ptr<QTranslator>> m_translators;
    QStringList m_catalogues;

private slots:
    void initTestCase()
    {
        const QDir i18n(QStringLiteral(":/i18n"));
        for (const QString& name : i18n.entryList({QStringLiteral("*_zh_CN.qm")}, QDir::Files, QDir::Name)) {
            auto t = std::make_unique<QTranslator>();
            QVERIFY2(t->load(i18n.filePath(name)), qPrintable(name));
            m_catalogues << name;
            m_translators.push_back(std::move(t));
        }
        QVERIFY2(!m_catalogues.isEmpty(), "no :/i18n/*_zh_CN.qm is embedded in the app");
    }

    void everyParameterTranslated_data()
    {
        QTest::addColumn<QString>("tab");
        for (const TabInfo& info : builtinTabs())
            QTest::newRow(qPrintable(info.id)) << info.id;
    }

    void everyParameterTranslated()
    {
        QFETCH(QString, tab);
        const std::vector<TabInfo> tabs = builtinTabs();
        const auto it = std::find_if(tabs.begin(), tabs.end(), [&](const TabInfo& t) { return t.id == tab; });
        QVERIFY(it != tabs.end());
        const QString catalogue = tab + QStringLiteral("_zh_CN.qm");
        QVERIFY2(m_catalogues.contains(catalogue),
                 qPrintable(QStringLiteral("%1 is not embedded: translations/%2_zh_CN.ts does not exist yet").arg(catalogue, tab)));

        auto translated = [this](const std::string& text) {
            for (const auto& t : m_translators)
                if (!t->translate("aimath::params", text.c_str()).isEmpty())
                    return true;
            return false;
        };
        QStringList missing;
        int checked = 0;
        auto check = [&](const ParamSpec& spec, const char* field, const std::string& text) {
            ++checked;
            if (!translated(text))
                missing << QStringLiteral("  %1/%2 %3: \"%4\"").arg(tab, QString::fromStdString(spec.key), QLatin1String(field), QString::fromStdString(text));
        };
        const ParamSet params = it->declareParams();
        for (const ParamSpec& spec : params.specs()) {
            check(spec, "label", spec.label);
            // The panel files a spec without a group under "Parameters".
            if (spec.inPanel)
                check(spec, "group", spec.group.empty() ? std::string("Parameters") : spec.group);
            if (!spec.tooltip.empty())
                check(spec, "tooltip", spec.tooltip);
            for (const std::string& label : spec.choiceLabels)
                check(spec, "choice label", label);
        }
        // The lookup must be able to say no (an unmarked string is not found).
        QVERIFY(!translated("\x01 not a parameter label of any tab"));
        if (!missing.isEmpty())
            QFAIL(qPrintable(QStringLiteral("%1 of %2 parameter strings of the %3 tab have no zh_CN translation in context aimath::params:\n%4")
                                 .arg(missing.size()).arg(checked).arg(tab, missing.join(QLatin1Char('\n')))));
    }
};

QTEST_MAIN(TestParamTranslations)
#include "test_param_translations.moc"
