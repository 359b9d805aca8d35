#pragma once
// JSON helpers for data exports: infinities become "inf"/"-inf", NaN becomes
// "nan" (tabs should never produce one), Eigen matrices become nested arrays.

#include <Eigen/Core>
#include <QJsonArray>
#include <QJsonValue>
#include <QStringList>

#include <string>
#include <vector>

namespace aimath::json {

QJsonValue number(double v);
QJsonArray array(const std::vector<double>& v);
QJsonArray array(const Eigen::Ref<const Eigen::VectorXd>& v);
QJsonArray matrix(const Eigen::Ref<const Eigen::MatrixXd>& m);  ///< rows of arrays
QJsonArray strings(const std::vector<std::string>& v);

}  // namespace aimath::json
