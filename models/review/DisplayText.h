#pragma once

#include <QString>

namespace oc {

// Text typed by strangers (event titles, host notes) made safe for one line
// of a table or label: control characters and line breaks become spaces,
// bidi embeddings/overrides are dropped so a title cannot reverse the text
// around it, and very long values are cut with an ellipsis. The stored value
// is never changed; this is for display only.
class DisplayText
{
public:
    static QString line(const QString &text, qsizetype maxChars = 200);
    // For tooltips, which Qt may render as rich text: escaped and wrapped so
    // markup is shown literally.
    static QString tooltip(const QString &text, qsizetype maxChars = 1000);
    static bool isBidiControl(QChar c);
};

} // namespace oc
