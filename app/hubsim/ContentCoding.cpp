#include "ContentCoding.h"

#include <QList>

#include <brotli/decode.h>
#include <brotli/encode.h>
#include <zlib.h>

#include <algorithm>
#include <array>

namespace oc::sim {

namespace {

// deflateInit2's windowBits + 16 writes a gzip (RFC 1952) wrapper instead of
// zlib's; inflateInit2's + 32 accepts either (zlib.h).
constexpr int kGzipWindow = 15 + 16;
constexpr int kAnyWindow = 15 + 32;

} // namespace

const QByteArray &ContentCoding::Encoded::body(Coding c) const
{
    switch (c) {
    case Coding::Gzip: return gzip.isEmpty() ? identity : gzip;
    case Coding::Brotli: return brotli.isEmpty() ? identity : brotli;
    case Coding::Identity: break;
    }
    return identity;
}

ContentCoding::Encoded ContentCoding::encode(QByteArray identity)
{
    Encoded e;
    e.gzip = gzip(identity);
    e.brotli = brotli(identity);
    e.identity = std::move(identity);
    return e;
}

QByteArray ContentCoding::gzip(QByteArrayView data, int level)
{
    z_stream z {};
    if (deflateInit2(&z, level, Z_DEFLATED, kGzipWindow, 9, Z_DEFAULT_STRATEGY) != Z_OK)
        return {};
    QByteArray out(qsizetype(deflateBound(&z, uLong(data.size()))), Qt::Uninitialized);
    z.next_in = reinterpret_cast<Bytef *>(const_cast<char *>(data.data()));
    z.avail_in = uInt(data.size());
    z.next_out = reinterpret_cast<Bytef *>(out.data());
    z.avail_out = uInt(out.size());
    const int rc = deflate(&z, Z_FINISH);
    const auto written = qsizetype(z.total_out);
    deflateEnd(&z);
    if (rc != Z_STREAM_END)
        return {};
    out.truncate(written);
    return out;
}

QByteArray ContentCoding::brotli(QByteArrayView data, int quality)
{
    size_t size = BrotliEncoderMaxCompressedSize(size_t(data.size()));
    if (size == 0)
        size = size_t(data.size()) + 1024;
    QByteArray out(qsizetype(size), Qt::Uninitialized);
    if (!BrotliEncoderCompress(quality, BROTLI_DEFAULT_WINDOW, BROTLI_MODE_TEXT, size_t(data.size()),
                               reinterpret_cast<const uint8_t *>(data.data()), &size,
                               reinterpret_cast<uint8_t *>(out.data())))
        return {};
    out.truncate(qsizetype(size));
    return out;
}

std::optional<QByteArray> ContentCoding::gunzip(QByteArrayView data)
{
    z_stream z {};
    if (inflateInit2(&z, kAnyWindow) != Z_OK)
        return std::nullopt;
    z.next_in = reinterpret_cast<Bytef *>(const_cast<char *>(data.data()));
    z.avail_in = uInt(data.size());
    QByteArray out;
    std::array<char, 64 * 1024> buf;
    int rc = Z_OK;
    while (rc == Z_OK) {
        z.next_out = reinterpret_cast<Bytef *>(buf.data());
        z.avail_out = uInt(buf.size());
        rc = inflate(&z, Z_NO_FLUSH);
        out.append(buf.data(), qsizetype(buf.size() - z.avail_out));
        if (rc == Z_BUF_ERROR && z.avail_in == 0)
            break; // truncated input
    }
    const bool complete = rc == Z_STREAM_END && z.avail_in == 0;
    inflateEnd(&z);
    return complete ? std::optional<QByteArray>(out) : std::nullopt;
}

std::optional<QByteArray> ContentCoding::unbrotli(QByteArrayView data)
{
    BrotliDecoderState *s = BrotliDecoderCreateInstance(nullptr, nullptr, nullptr);
    if (!s)
        return std::nullopt;
    size_t availIn = size_t(data.size());
    const auto *nextIn = reinterpret_cast<const uint8_t *>(data.data());
    QByteArray out;
    std::array<uint8_t, 64 * 1024> buf;
    BrotliDecoderResult rc = BROTLI_DECODER_RESULT_NEEDS_MORE_OUTPUT;
    while (rc == BROTLI_DECODER_RESULT_NEEDS_MORE_OUTPUT) {
        size_t availOut = buf.size();
        uint8_t *nextOut = buf.data();
        rc = BrotliDecoderDecompressStream(s, &availIn, &nextIn, &availOut, &nextOut, nullptr);
        out.append(reinterpret_cast<const char *>(buf.data()), qsizetype(buf.size() - availOut));
    }
    BrotliDecoderDestroyInstance(s);
    if (rc != BROTLI_DECODER_RESULT_SUCCESS || availIn != 0)
        return std::nullopt;
    return out;
}

std::optional<QByteArray> ContentCoding::decode(Coding c, QByteArrayView data)
{
    switch (c) {
    case Coding::Gzip: return gunzip(data);
    case Coding::Brotli: return unbrotli(data);
    case Coding::Identity: break;
    }
    return data.toByteArray();
}

QByteArray ContentCoding::token(Coding c)
{
    switch (c) {
    case Coding::Gzip: return QByteArrayLiteral("gzip");
    case Coding::Brotli: return QByteArrayLiteral("br");
    case Coding::Identity: break;
    }
    return {};
}

std::optional<ContentCoding::Coding> ContentCoding::fromToken(QByteArrayView token)
{
    const QByteArray t = token.trimmed().toByteArray().toLower();
    if (t.isEmpty() || t == "identity")
        return Coding::Identity;
    if (t == "gzip" || t == "x-gzip")
        return Coding::Gzip;
    if (t == "br")
        return Coding::Brotli;
    return std::nullopt;
}

ContentCoding::Coding ContentCoding::choose(QByteArrayView acceptEncoding)
{
    // q for br, gzip and identity; -1 = not listed.
    double q[3] = {-1, -1, -1};
    double star = -1;
    for (const QByteArray &item : acceptEncoding.toByteArray().split(',')) {
        const QList<QByteArray> parts = item.split(';');
        const QByteArray name = parts.first().trimmed().toLower();
        if (name.isEmpty())
            continue;
        double weight = 1;
        for (qsizetype i = 1; i < parts.size(); ++i) {
            const QByteArray p = parts[i].trimmed().toLower();
            if (p.startsWith("q=")) {
                bool ok = false;
                weight = std::clamp(p.mid(2).toDouble(&ok), 0.0, 1.0);
                if (!ok)
                    weight = 0; // a malformed weight: do not guess in the coding's favour
            }
        }
        if (name == "*") {
            star = weight;
        } else if (const auto c = fromToken(name)) {
            double &slot = q[*c == Coding::Brotli ? 0 : *c == Coding::Gzip ? 1 : 2];
            slot = std::max(slot, weight);
        }
    }
    const auto weightOf = [&](int i) {
        if (q[i] >= 0)
            return q[i];
        if (star >= 0)
            return star;
        return i == 2 ? 0.001 : 0.0; // identity is acceptable unless refused
    };
    const double br = weightOf(0), gz = weightOf(1), id = weightOf(2);
    if (br > 0 && br >= gz && br >= id)
        return Coding::Brotli;
    if (gz > 0 && gz >= id)
        return Coding::Gzip;
    return Coding::Identity;
}

} // namespace oc::sim
