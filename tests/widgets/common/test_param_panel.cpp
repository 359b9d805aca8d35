// The panel built from declarations: each control type edits its parameter,
// bad text is refused with the previous value kept, and syncing never echoes.
#include "widgets/common/param_panel.h"

#include <QCheckBox>
#include <QComboBox>
#include <QLineEdit>
#include <QSignalSpy>
#include <QSlider>
#include <QTest>

using namespace aimath;

class TestParamPanel : public QObject {
    Q_OBJECT

    static ParamSet declare()
    {
        ParamSet p;
        p.add(ParamSpec::real("lr", "Learning rate", 1e-5, 1.0, 1e-2).logScale().inGroup("Optimizer"));
        p.add(ParamSpec::real("angle", "Angle", -90, 90, 0).inGroup("Surface"));
        p.add(ParamSpec::integer("steps", "Steps", 1, 10000, 100).inGroup("Optimizer"));
        p.add(ParamSpec::boolean("scaled", "Scaled", true).inGroup("Surface"));
        p.add(ParamSpec::choice("mask", "Mask", {"none", "causal"}, "none").inGroup("Surface"));
        p.add(ParamSpec::realList("values", "Values", -1e6, 1e6, {1, 2}).counts(1, 8).inGroup("Lists"));
        p.add(ParamSpec::choiceList("formats", "Formats", {"fp16", "bf16"}, {"fp16"}).inGroup("Lists"));
        p.add(ParamSpec::text("hidden_key", "Hidden", "").hidden());
        return p;
    }

private slots:
    void logSliderMapping()
    {
        const ParamSpec s = ParamSpec::real("lr", "lr", 1e-5, 1.0, 1e-2).logScale();
        QCOMPARE(ParamPanel::sliderToValue(s, 0), 1e-5);
        QCOMPARE(ParamPanel::sliderToValue(s, ParamPanel::kSliderSteps), 1.0);
        // The middle of a log slider is the geometric mean: 10^-2.5.
        QVERIFY(std::fabs(ParamPanel::sliderToValue(s, ParamPanel::kSliderSteps / 2) / std::pow(10.0, -2.5) - 1) < 1e-3);
        double prev = 0;
        for (int pos = 0; pos <= ParamPanel::kSliderSteps; pos += 10) {
            const double v = ParamPanel::sliderToValue(s, pos);
            QVERIFY(v >= prev);
            prev = v;
            QVERIFY(std::abs(ParamPanel::valueToSlider(s, v) - pos) <= 1);
        }
    }

    void sliderEditsParameter()
    {
        ParamSet p = declare();
        ParamPanel panel(&p);
        QSignalSpy spy(&panel, &ParamPanel::edited);
        auto* slider = qobject_cast<QSlider*>(panel.control("angle"));
        QVERIFY(slider);
        slider->setValue(ParamPanel::kSliderSteps);
        QCOMPARE(p.real("angle"), 90.0);
        QCOMPARE(spy.count(), 1);
        QCOMPARE(spy.first().first().value<std::string>(), std::string("angle"));
        // The value box follows the slider.
        auto* edit = panel.findChild<QLineEdit*>(QStringLiteral("angle_edit"));
        QCOMPARE(edit->text(), QStringLiteral("90"));
    }

    void typingAValue()
    {
        ParamSet p = declare();
        ParamPanel panel(&p);
        auto* edit = panel.findChild<QLineEdit*>(QStringLiteral("lr_edit"));
        edit->clear();
        QTest::keyClicks(edit, QStringLiteral("3e-4"));
        QTest::keyClick(edit, Qt::Key_Return);
        QCOMPARE(p.real("lr"), 3e-4);
        // The log slider moved to the matching position.
        auto* slider = qobject_cast<QSlider*>(panel.control("lr"));
        QCOMPARE(slider->value(), ParamPanel::valueToSlider(*p.find("lr"), 3e-4));
    }

    void badTextIsRefused()
    {
        ParamSet p = declare();
        ParamPanel panel(&p);
        QSignalSpy rejected(&panel, &ParamPanel::rejected);
        QSignalSpy edited(&panel, &ParamPanel::edited);
        auto* edit = panel.findChild<QLineEdit*>(QStringLiteral("lr_edit"));
        edit->clear();
        QTest::keyClicks(edit, QStringLiteral("5"));  // above the maximum of 1
        QTest::keyClick(edit, Qt::Key_Return);
        QCOMPARE(p.real("lr"), 1e-2);
        QCOMPARE(rejected.count(), 1);
        QVERIFY(rejected.first().at(1).toString().contains(QStringLiteral("out of range")));
        QVERIFY(edit->toolTip().contains(QStringLiteral("out of range")));
        QVERIFY(!edit->styleSheet().isEmpty());

        auto* list = qobject_cast<QLineEdit*>(panel.control("values"));
        list->clear();
        QTest::keyClicks(list, QStringLiteral("1, two, 3"));
        QTest::keyClick(list, Qt::Key_Return);
        QCOMPARE(p.reals("values"), (std::vector<double>{1, 2}));
        QVERIFY(list->toolTip().contains(QStringLiteral("entry 2")));
        QCOMPARE(edited.count(), 0);

        list->clear();
        QTest::keyClicks(list, QStringLiteral("4,5,6"));
        QTest::keyClick(list, Qt::Key_Return);
        QCOMPARE(p.reals("values"), (std::vector<double>{4, 5, 6}));
        QCOMPARE(edited.count(), 1);
        QVERIFY(list->styleSheet().isEmpty());
    }

    void checkComboAndChoiceList()
    {
        ParamSet p = declare();
        ParamPanel panel(&p);
        auto* box = qobject_cast<QCheckBox*>(panel.control("scaled"));
        QTest::mouseClick(box, Qt::LeftButton, {}, QPoint(4, box->height() / 2));
        QCOMPARE(p.boolean("scaled"), false);
        auto* combo = qobject_cast<QComboBox*>(panel.control("mask"));
        combo->setCurrentIndex(1);
        QCOMPARE(p.text("mask"), std::string("causal"));
        auto* bf16 = panel.findChild<QCheckBox*>(QStringLiteral("formats:bf16"));
        bf16->setChecked(true);
        QCOMPARE(p.texts("formats"), (std::vector<std::string>{"fp16", "bf16"}));
    }

    void refusedChoiceListKeepsItsBoxes()
    {
        ParamSet p;
        p.add(ParamSpec::choiceList("formats", "Formats", {"fp16", "bf16"}, {"fp16"}).counts(1, 2));
        ParamPanel panel(&p);
        QSignalSpy rejected(&panel, &ParamPanel::rejected);
        auto* fp16 = panel.findChild<QCheckBox*>(QStringLiteral("formats:fp16"));
        fp16->setChecked(false);  // would leave no format: refused
        QCOMPARE(rejected.count(), 1);
        QCOMPARE(p.texts("formats"), (std::vector<std::string>{"fp16"}));
        QVERIFY(fp16->isChecked());  // the box shows what is stored
    }

    void untouchedValueBoxKeepsExactValue()
    {
        ParamSet p = declare();
        QVERIFY(p.set("lr", 0.00123456789).empty());
        ParamPanel panel(&p);
        QSignalSpy edited(&panel, &ParamPanel::edited);
        auto* edit = panel.findChild<QLineEdit*>(QStringLiteral("lr_edit"));
        QCOMPARE(edit->text(), QStringLiteral("0.00123457"));
        emit edit->editingFinished();  // Enter or focus-out without typing
        QCOMPARE(p.real("lr"), 0.00123456789);
        QCOMPARE(edited.count(), 0);
    }

    void syncDoesNotEcho()
    {
        ParamSet p = declare();
        ParamPanel panel(&p);
        QSignalSpy spy(&panel, &ParamPanel::edited);
        p.set("angle", 45.0);
        p.set("mask", std::string("causal"));
        panel.syncFromParams();
        QCOMPARE(spy.count(), 0);
        QCOMPARE(qobject_cast<QComboBox*>(panel.control("mask"))->currentData().toString(), QStringLiteral("causal"));
        QCOMPARE(qobject_cast<QSlider*>(panel.control("angle"))->value(), ParamPanel::valueToSlider(*p.find("angle"), 45.0));
        QVERIFY(!panel.control("hidden_key"));  // hidden parameters get no control
    }
};

QTEST_MAIN(TestParamPanel)
#include "test_param_panel.moc"
