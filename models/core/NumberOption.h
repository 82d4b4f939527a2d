#pragma once

#include <QString>

#include <optional>

namespace oc {

// Numbers given on a command line, checked: "abc", "-1", "1e9" or "2.5"
// where a count is meant are refused with a message naming the option, the
// value and the allowed range, instead of quietly becoming 0 or garbage
// (QString::toInt and friends). Shared by organizer-console and
// organizer-hubsim; callers print the message and exit with status 2.
class NumberOption
{
public:
    // A whole number in [min, max]. Leading/trailing blanks are ignored;
    // anything else that is not decimal digits (with an optional sign) is
    // refused, exponent and fraction included.
    static std::optional<qint64> integer(const QString &option, const QString &value, qint64 min, qint64 max,
                                         QString *error);
    // A finite decimal number in [min, max] ("0.5", "144", "1e3"; not "nan",
    // "inf" or "0x10").
    static std::optional<double> real(const QString &option, const QString &value, double min, double max,
                                      QString *error);
    // The exit status for a refused value, as for any usage error.
    static constexpr int UsageError = 2;
};

} // namespace oc
