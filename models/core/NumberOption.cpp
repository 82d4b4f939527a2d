#include "NumberOption.h"

#include <QLocale>

#include <cmath>

namespace oc {

namespace {

// The C locale, refusing "1,000": a group separator in a count is more
// likely a typo for a decimal point than a thousands mark.
QLocale strictC()
{
    QLocale c = QLocale::c();
    c.setNumberOptions(QLocale::RejectGroupSeparator);
    return c;
}

QString optionName(const QString &option)
{
    return option.startsWith(QLatin1Char('-')) ? option : QStringLiteral("--") + option;
}

QString number(double v)
{
    // Plain digits for the ranges people type ("10000000", not "1e+07").
    return QLocale::c().toString(v, 'f', QLocale::FloatingPointShortest);
}

void fail(QString *error, const QString &option, const QString &value, const QString &what, const QString &range)
{
    if (error)
        *error = QStringLiteral("%1: \"%2\" is not %3; allowed: %4").arg(optionName(option), value, what, range);
}

} // namespace

std::optional<qint64> NumberOption::integer(const QString &option, const QString &value, qint64 min, qint64 max,
                                            QString *error)
{
    const QString range = QStringLiteral("a whole number from %1 to %2").arg(min).arg(max);
    const QString t = value.trimmed();
    bool ok = false;
    // No exponent and no group separator: "1e9" and "1,000" fail here
    // rather than being read as something else.
    const qint64 v = strictC().toLongLong(t, &ok);
    if (!ok) {
        bool isReal = false;
        const double d = strictC().toDouble(t, &isReal);
        if (isReal && std::isfinite(d) && d == std::floor(d) && (d < double(min) || d > double(max)))
            fail(error, option, value, QStringLiteral("in range"), range);
        else
            fail(error, option, value,
                 isReal ? QStringLiteral("a whole number in plain digits") : QStringLiteral("a number"), range);
        return std::nullopt;
    }
    if (v < min || v > max) {
        fail(error, option, value, QStringLiteral("in range"), range);
        return std::nullopt;
    }
    return v;
}

std::optional<double> NumberOption::real(const QString &option, const QString &value, double min, double max,
                                         QString *error)
{
    const QString range = QStringLiteral("a number from %1 to %2").arg(number(min), number(max));
    bool ok = false;
    const double v = strictC().toDouble(value.trimmed(), &ok);
    if (!ok || !std::isfinite(v)) {
        fail(error, option, value, QStringLiteral("a number"), range);
        return std::nullopt;
    }
    if (v < min || v > max) {
        fail(error, option, value, QStringLiteral("in range"), range);
        return std::nullopt;
    }
    return v;
}

} // namespace oc
