#include "DisplayText.h"

namespace oc {

bool DisplayText::isBidiControl(QChar c)
{
    const char16_t u = c.unicode();
    // LRE, RLE, PDF, LRO, RLO and the isolates LRI, RLI, FSI, PDI.
    return (u >= 0x202A && u <= 0x202E) || (u >= 0x2066 && u <= 0x2069);
}

QString DisplayText::line(const QString &text, qsizetype maxChars)
{
    QString out;
    out.reserve(std::min(text.size(), maxChars + 1));
    bool lastSpace = false;
    for (const QChar c : text) {
        if (isBidiControl(c))
            continue;
        const bool space = c.isSpace() || c.category() == QChar::Other_Control || c == QChar::LineSeparator ||
            c == QChar::ParagraphSeparator;
        if (space) {
            if (!lastSpace && !out.isEmpty())
                out += QLatin1Char(' ');
            lastSpace = true;
        } else {
            out += c;
            lastSpace = false;
        }
        if (out.size() > maxChars)
            break;
    }
    if (out.size() > maxChars) {
        out.truncate(maxChars);
        // Never leave half of a surrogate pair behind.
        if (!out.isEmpty() && out.back().isHighSurrogate())
            out.chop(1);
        out += QChar(0x2026);
    }
    return out.trimmed();
}

QString DisplayText::tooltip(const QString &text, qsizetype maxChars)
{
    QString t = text.left(maxChars);
    if (!t.isEmpty() && t.back().isHighSurrogate())
        t.chop(1);
    if (text.size() > maxChars)
        t += QChar(0x2026);
    QString clean;
    clean.reserve(t.size());
    for (const QChar c : std::as_const(t))
        if (!isBidiControl(c))
            clean += c;
    return QStringLiteral("<p style='white-space:pre-wrap'>") + clean.toHtmlEscaped() + QStringLiteral("</p>");
}

} // namespace oc
