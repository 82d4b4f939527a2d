#pragma once

#include <QString>

namespace oc {

// One field that differs between two versions of a row, as text.
struct FieldChange
{
    QString field; // column name, e.g. "title"
    QString before;
    QString after;
};

} // namespace oc
