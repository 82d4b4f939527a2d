#pragma once

#include <QByteArray>
#include <QString>
#include <QStringList>

#include <cstdint>
#include <vector>

namespace oc {

// One query's result, detached from libpq so it can cross threads and outlive
// the connection.
//
// Cells are in libpq's text format unless the statement asked for binary
// results (DbQuery::binary()); then each column keeps the format and the type
// the server described (PQfformat, PQftype) and the typed accessors decode
// the binary cells of these types, so a reader does not change when its
// statement switches format:
//   bool, int2, int4, int8, oid, float4, float8,
//   text, varchar, bpchar, name, citext (the bytes are the text, in the
//   client encoding as in text format),
//   timestamp, timestamptz (toEpochMicros; text() gives ISO 8601 in UTC,
//   empty outside the years 1 to 9999, not the server's DateStyle).
// Any other type in a binary column (numeric, json, arrays, date, ...) is not
// decoded: its typed accessors log once on the "db" category and return the
// fallback (0, false, an empty string); raw() still gives its bytes. A binary
// statement therefore casts what it reads as a number to float8 (or int8),
// and a date to timestamptz.
class DbTable
{
public:
    DbTable() = default;
    DbTable(QStringList columns, int rows);

    int rowCount() const { return m_rows; }
    int columnCount() const { return int(m_columns.size()); }
    const QStringList &columns() const { return m_columns; }
    int column(const QString &name) const { return int(m_columns.indexOf(name)); }

    void set(int row, int col, QByteArray value, bool isNull);
    // How the server sent column `col`. Every column is text of an unknown
    // type (0) until this is called. `textLike` marks an extension type whose
    // binary form is its text (citext: its send function is textsend), which
    // cannot be known from an OID that differs from one database to another.
    void setColumnType(int col, quint32 typeOid, bool binary, bool textLike = false);

    bool isBinary(int col) const;
    // The column's type OID as the server reported it (0 when not recorded).
    quint32 typeOid(int col) const;

    bool isNull(int row, int col) const;
    // The cell's bytes as they came: text, or the binary wire format.
    const QByteArray &raw(int row, int col) const;
    QString text(int row, int col) const;
    qint64 toInt64(int row, int col, qint64 fallback = 0) const;
    double toDouble(int row, int col, double fallback = 0) const;
    bool toBool(int row, int col) const;
    // Microseconds since 1970-01-01 00:00 UTC, from a binary timestamptz or
    // timestamp (a timestamp without time zone is read as UTC), or from an
    // integer cell in either format, so a statement may send either
    // `(extract(epoch FROM t) * 1000000)::bigint` as text or `t` as binary
    // without its reader changing. -infinity and infinity are the int64
    // minimum and maximum.
    qint64 toEpochMicros(int row, int col, qint64 fallback = 0) const;

    // Affected rows for commands (INSERT/UPDATE), from PQcmdTuples.
    qint64 affectedRows = 0;

    // How a column's cells are read. Text is libpq's text format whatever
    // the type; the rest are binary cells of the type named.
    enum class Kind : quint8 { Text, Bool, Int2, Int4, Int8, Oid, Float4, Float8, String, Timestamp, Undecoded };

private:
    struct ColumnType
    {
        quint32 oid = 0;
        Kind kind = Kind::Text;
    };

    bool inRange(int row, int col) const { return row >= 0 && row < m_rows && col >= 0 && col < columnCount(); }
    size_t index(int row, int col) const { return size_t(row) * size_t(m_columns.size()) + size_t(col); }

    // The binary paths, out of line so the text path stays as it was.
    QString binaryText(size_t i, int col) const;
    qint64 binaryInt64(size_t i, int col, qint64 fallback, const char *accessor = "toInt64()") const;
    double binaryDouble(size_t i, int col, double fallback) const;
    bool binaryBool(size_t i, int col) const;
    qint64 binaryEpochMicros(size_t i, int col, qint64 fallback) const;
    // Whether cell `i` of a binary column has the size its type demands;
    // logs once when it does not (or the type is not decoded).
    bool binaryUsable(size_t i, int col, const char *accessor) const;
    void warnUndecoded(int col, const char *accessor, const char *why) const;

    QStringList m_columns;
    int m_rows = 0;
    std::vector<QByteArray> m_cells;
    std::vector<bool> m_nulls;
    std::vector<ColumnType> m_types;
};

} // namespace oc
