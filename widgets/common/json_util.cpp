#include "widgets/common/json_util.h"

#include <QString>

#include <cmath>

namespace aimath::json {

QJsonValue number(double v)
{
    if (std::isnan(v))
        return QStringLiteral("nan");
    if (std::isinf(v))
        return v > 0 ? QStringLiteral("inf") : QStringLiteral("-inf");
    return v;
}

QJsonArray array(const std::vector<double>& v)
{
    QJsonArray a;
    for (double x : v)
        a.append(number(x));
    return a;
}

QJsonArray array(const Eigen::Ref<const Eigen::VectorXd>& v)
{
    QJsonArray a;
    for (Eigen::Index i = 0; i < v.size(); ++i)
        a.append(number(v[i]));
    return a;
}

QJsonArray matrix(const Eigen::Ref<const Eigen::MatrixXd>& m)
{
    QJsonArray rows;
    for (Eigen::Index r = 0; r < m.rows(); ++r) {
        QJsonArray row;
        for (Eigen::Index c = 0; c < m.cols(); ++c)
            row.append(number(m(r, c)));
        rows.append(row);
    }
    return rows;
}

QJsonArray strings(const std::vector<std::string>& v)
{
    QJsonArray a;
    for (const auto& s : v)
        a.append(QString::fromStdString(s));
    return a;
}

}  // namespace aimath::json
