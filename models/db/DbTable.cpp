#include "DbTable.h"

#include "LogCategories.h"

#include <QDateTime>
#include <QMutex>
#include <QSet>
#include <QTimeZone>
#include <QtEndian>

#include <bit>
#include <charconv>
#include <cmath>
#include <limits>

namespace oc {

namespace {

// Built-in type OIDs, fixed by PostgreSQL's catalog
// (src/include/catalog/pg_type.dat).
constexpr quint32 BoolOid = 16, NameOid = 19, Int8Oid = 20, Int2Oid = 21, Int4Oid = 23, TextOid = 25, OidOid = 26,
                  Float4Oid = 700, Float8Oid = 701, BpcharOid = 1042, VarcharOid = 1043, TimestampOid = 1114,
                  TimestamptzOid = 1184;

// A timestamp's binary form is int64 microseconds since 2000-01-01 00:00 UTC
// in network byte order (timestamp_send: pq_sendint64); -infinity and
// infinity are the int64 minimum and maximum (TIMESTAMP_MINUS_INFINITY,
// TIMESTAMP_INFINITY in src/include/datatype/timestamp.h).
constexpr qint64 PostgresEpochUnixMicros = 946684800LL * 1000000LL;

DbTable::Kind binaryKind(quint32 oid, bool textLike)
{
    using K = DbTable::Kind;
    if (textLike)
        return K::String;
    switch (oid) {
    case BoolOid: return K::Bool;
    case Int2Oid: return K::Int2;
    case Int4Oid: return K::Int4;
    case Int8Oid: return K::Int8;
    case OidOid: return K::Oid;
    case Float4Oid: return K::Float4;
    case Float8Oid: return K::Float8;
    // textsend, varcharsend, bpcharsend and namesend all send the text itself
    // (pq_sendtext), in the client encoding.
    case TextOid:
    case VarcharOid:
    case BpcharOid:
    case NameOid: return K::String;
    case TimestampOid:
    case TimestamptzOid: return K::Timestamp;
    default: return K::Undecoded;
    }
}

int fixedSize(DbTable::Kind k)
{
    using K = DbTable::Kind;
    switch (k) {
    case K::Bool: return 1;
    case K::Int2: return 2;
    case K::Int4:
    case K::Oid:
    case K::Float4: return 4;
    case K::Int8:
    case K::Float8:
    case K::Timestamp: return 8;
    default: return -1;
    }
}

qint64 readInt(DbTable::Kind k, const char *p)
{
    using K = DbTable::Kind;
    switch (k) {
    case K::Int2: return qFromBigEndian<qint16>(p);
    case K::Int4: return qFromBigEndian<qint32>(p);
    case K::Oid: return qFromBigEndian<quint32>(p);
    default: return qFromBigEndian<qint64>(p);
    }
}

// float4send and float8send send the IEEE 754 bits as an int32/int64 in
// network byte order (pq_sendfloat4, pq_sendfloat8).
float readFloat4(const char *p)
{
    return std::bit_cast<float>(qFromBigEndian<quint32>(p));
}

double readFloat8(const char *p)
{
    return std::bit_cast<double>(qFromBigEndian<quint64>(p));
}

// What float4out/float8out would have sent (extra_float_digits >= 1, the
// default since PostgreSQL 12): the shortest exact decimal, fixed-point when
// the decimal exponent is in [-4, 6) for float4 and [-4, 15) for float8,
// otherwise d.ddde+XX (src/common/f2s.c and d2s.c, to_chars), and NaN,
// Infinity, -Infinity.
template<typename F> QByteArray postgresFloatText(F v)
{
    if (std::isnan(v))
        return QByteArrayLiteral("NaN");
    if (std::isinf(v))
        return v > 0 ? QByteArrayLiteral("Infinity") : QByteArrayLiteral("-Infinity");
    char buf[64];
    auto sci = std::to_chars(buf, buf + sizeof buf, v, std::chars_format::scientific);
    const QByteArray scientific(buf, int(sci.ptr - buf));
    const int e = scientific.indexOf('e');
    const int exp = scientific.mid(e + 1).toInt();
    constexpr int fixedBelow = sizeof(F) == 4 ? 6 : 15;
    if (v == 0 || (exp >= -4 && exp < fixedBelow)) {
        auto fixed = std::to_chars(buf, buf + sizeof buf, v, std::chars_format::fixed);
        return QByteArray(buf, int(fixed.ptr - buf));
    }
    return scientific;
}

inline double textToDouble(const QByteArray &b, double fallback)
{
    bool ok = false;
    const double v = b.toDouble(&ok);
    if (ok) [[likely]]
        return v;
    // float8out spells the infinities out; QByteArray::toDouble knows "inf".
    if (b == "Infinity")
        return std::numeric_limits<double>::infinity();
    if (b == "-Infinity")
        return -std::numeric_limits<double>::infinity();
    return fallback;
}

// The text a float or string cell would have had in text format.
QByteArray textOf(DbTable::Kind k, const QByteArray &b)
{
    switch (k) {
    case DbTable::Kind::Float4: return postgresFloatText(readFloat4(b.constData()));
    case DbTable::Kind::Float8: return postgresFloatText(readFloat8(b.constData()));
    default: return b;
    }
}

QString isoUtc(qint64 unixMicros)
{
    qint64 secs = unixMicros / 1000000, frac = unixMicros % 1000000;
    if (frac < 0) {
        frac += 1000000;
        --secs;
    }
    QString s = QDateTime::fromSecsSinceEpoch(secs, QTimeZone::UTC).toString(Qt::ISODate);
    if (!s.endsWith(QLatin1Char('Z')))
        return {}; // ISO 8601 without extensions spells the years 1 to 9999 only
    s.chop(1);
    if (frac)
        s += QStringLiteral(".%1").arg(frac, 6, 10, QLatin1Char('0'));
    return s + QLatin1Char('Z');
}

} // namespace

DbTable::DbTable(QStringList columns, int rows)
    : m_columns(std::move(columns))
    , m_rows(rows)
    , m_cells(size_t(rows) * size_t(m_columns.size()))
    , m_nulls(size_t(rows) * size_t(m_columns.size()), false)
    , m_types(size_t(m_columns.size()))
{
}

void DbTable::set(int row, int col, QByteArray value, bool null)
{
    const size_t i = index(row, col);
    m_cells[i] = std::move(value);
    m_nulls[i] = null;
}

void DbTable::setColumnType(int col, quint32 typeOid, bool binary, bool textLike)
{
    if (col < 0 || col >= columnCount())
        return;
    m_types[size_t(col)] = ColumnType {typeOid, binary ? binaryKind(typeOid, textLike) : Kind::Text};
}

bool DbTable::isBinary(int col) const
{
    return col >= 0 && col < columnCount() && m_types[size_t(col)].kind != Kind::Text;
}

quint32 DbTable::typeOid(int col) const
{
    return col >= 0 && col < columnCount() ? m_types[size_t(col)].oid : 0;
}

bool DbTable::isNull(int row, int col) const
{
    if (!inRange(row, col))
        return true;
    return m_nulls[index(row, col)];
}

const QByteArray &DbTable::raw(int row, int col) const
{
    static const QByteArray empty;
    if (!inRange(row, col))
        return empty;
    return m_cells[index(row, col)];
}

QString DbTable::text(int row, int col) const
{
    if (!inRange(row, col))
        return {};
    const size_t i = index(row, col);
    if (m_types[size_t(col)].kind != Kind::Text) [[unlikely]]
        return binaryText(i, col);
    return QString::fromUtf8(m_cells[i]);
}

qint64 DbTable::toInt64(int row, int col, qint64 fallback) const
{
    if (!inRange(row, col))
        return fallback;
    const size_t i = index(row, col);
    if (m_types[size_t(col)].kind != Kind::Text) [[unlikely]]
        return binaryInt64(i, col, fallback);
    bool ok = false;
    const qint64 v = m_cells[i].toLongLong(&ok);
    return ok ? v : fallback;
}

double DbTable::toDouble(int row, int col, double fallback) const
{
    if (!inRange(row, col))
        return fallback;
    const size_t i = index(row, col);
    if (m_types[size_t(col)].kind != Kind::Text) [[unlikely]]
        return binaryDouble(i, col, fallback);
    return textToDouble(m_cells[i], fallback);
}

bool DbTable::toBool(int row, int col) const
{
    if (!inRange(row, col))
        return false;
    const size_t i = index(row, col);
    if (m_types[size_t(col)].kind != Kind::Text) [[unlikely]]
        return binaryBool(i, col);
    return m_cells[i] == "t";
}

qint64 DbTable::toEpochMicros(int row, int col, qint64 fallback) const
{
    if (!inRange(row, col))
        return fallback;
    const size_t i = index(row, col);
    if (m_types[size_t(col)].kind != Kind::Text) [[unlikely]]
        return binaryEpochMicros(i, col, fallback);
    bool ok = false;
    const qint64 v = m_cells[i].toLongLong(&ok);
    return ok ? v : fallback;
}

void DbTable::warnUndecoded(int col, const char *accessor, const char *why) const
{
    // Once per column name, type and accessor in the process: a 600,000-row
    // snapshot read with the wrong cast must not write 600,000 lines.
    static QMutex mutex;
    static QSet<QString> warned;
    const quint32 oid = m_types[size_t(col)].oid;
    const QString key = QStringLiteral("%1/%2/%3").arg(m_columns[col]).arg(oid).arg(QLatin1String(accessor));
    {
        QMutexLocker lock(&mutex);
        if (warned.contains(key))
            return;
        warned.insert(key);
    }
    logcat::db()->warn("binary column \"{}\" (type oid {}): {} {}; the statement should cast it (numbers to float8, "
                       "dates to timestamptz)",
                       m_columns[col].toStdString(), oid, accessor, why);
}

bool DbTable::binaryUsable(size_t i, int col, const char *accessor) const
{
    if (m_nulls[i])
        return false;
    const Kind k = m_types[size_t(col)].kind;
    if (k == Kind::Undecoded) {
        warnUndecoded(col, accessor, "cannot decode this type, returns the fallback");
        return false;
    }
    const int size = fixedSize(k);
    if (size >= 0 && m_cells[i].size() != size) {
        warnUndecoded(col, accessor, "got a cell of the wrong size for its type, returns the fallback");
        return false;
    }
    return true;
}

QString DbTable::binaryText(size_t i, int col) const
{
    if (!binaryUsable(i, col, "text()"))
        return {};
    const QByteArray &b = m_cells[i];
    const char *p = b.constData();
    switch (m_types[size_t(col)].kind) {
    case Kind::String: return QString::fromUtf8(b);
    case Kind::Bool: return p[0] ? QStringLiteral("t") : QStringLiteral("f");
    case Kind::Int2:
    case Kind::Int4:
    case Kind::Int8:
    case Kind::Oid: return QString::number(readInt(m_types[size_t(col)].kind, p));
    case Kind::Float4: return QString::fromLatin1(postgresFloatText(readFloat4(p)));
    case Kind::Float8: return QString::fromLatin1(postgresFloatText(readFloat8(p)));
    case Kind::Timestamp: {
        const qint64 v = qFromBigEndian<qint64>(p);
        if (v == std::numeric_limits<qint64>::min())
            return QStringLiteral("-infinity");
        if (v == std::numeric_limits<qint64>::max())
            return QStringLiteral("infinity");
        return isoUtc(binaryEpochMicros(i, col, 0));
    }
    default: return {};
    }
}

qint64 DbTable::binaryInt64(size_t i, int col, qint64 fallback, const char *accessor) const
{
    if (!binaryUsable(i, col, accessor))
        return fallback;
    const QByteArray &b = m_cells[i];
    qint64 v = 0;
    switch (const Kind k = m_types[size_t(col)].kind) {
    case Kind::Int2:
    case Kind::Int4:
    case Kind::Int8:
    case Kind::Oid: return readInt(k, b.constData());
    // A float reads as an integer exactly when its text would ("42", not
    // "42.5" or "1e+15"): a misuse either way, but the same misuse.
    case Kind::Float4:
    case Kind::Float8:
    case Kind::String: {
        bool ok = false;
        v = textOf(k, b).toLongLong(&ok);
        return ok ? v : fallback;
    }
    default: return fallback; // bool and timestamps read as text do not parse as integers either
    }
}

double DbTable::binaryDouble(size_t i, int col, double fallback) const
{
    if (!binaryUsable(i, col, "toDouble()"))
        return fallback;
    const QByteArray &b = m_cells[i];
    switch (const Kind k = m_types[size_t(col)].kind) {
    case Kind::Int2:
    case Kind::Int4:
    case Kind::Int8:
    case Kind::Oid: return double(readInt(k, b.constData()));
    // Through its decimal text, as the text path reads it: 0.1::float4 is
    // 0.1, not 0.10000000149011612.
    case Kind::Float4: {
        const float f = readFloat4(b.constData());
        return std::isfinite(f) ? postgresFloatText(f).toDouble() : double(f);
    }
    case Kind::Float8: return readFloat8(b.constData());
    case Kind::String: return textToDouble(b, fallback);
    default: return fallback;
    }
}

bool DbTable::binaryBool(size_t i, int col) const
{
    if (!binaryUsable(i, col, "toBool()"))
        return false;
    switch (m_types[size_t(col)].kind) {
    case Kind::Bool: return m_cells[i].at(0) != 0;
    case Kind::String: return m_cells[i] == "t";
    default: return false;
    }
}

qint64 DbTable::binaryEpochMicros(size_t i, int col, qint64 fallback) const
{
    const Kind k = m_types[size_t(col)].kind;
    if (k != Kind::Timestamp)
        return binaryInt64(i, col, fallback, "toEpochMicros()");
    if (!binaryUsable(i, col, "toEpochMicros()"))
        return fallback;
    const qint64 v = qFromBigEndian<qint64>(m_cells[i].constData());
    if (v == std::numeric_limits<qint64>::min() || v == std::numeric_limits<qint64>::max())
        return v;
    qint64 out = 0;
    // Only timestamps after the year 294241 (PostgreSQL goes to 294276)
    // overflow; they read as just short of infinity.
    if (__builtin_add_overflow(v, PostgresEpochUnixMicros, &out))
        return std::numeric_limits<qint64>::max() - 1;
    return out;
}

} // namespace oc
