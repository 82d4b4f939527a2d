#pragma once

#include <QString>
#include <QtGlobal>

namespace oc {

// One reading of one metric. "Missing" (the source had nothing to say this
// second) and "Error" (the probe itself failed) are kept apart from values so
// that a rule can say No data or Error instead of quietly reading a gap as 0.
struct MetricSample
{
    enum class Kind { Value, Missing, Error };

    qint64 timeMs = 0; // milliseconds since the Unix epoch, passed in by the caller
    Kind kind = Kind::Value;
    double value = 0.0; // meaningful only for Kind::Value
    QString error; // what the probe reported, for Kind::Error

    bool hasValue() const { return kind == Kind::Value; }
};

} // namespace oc
