#pragma once

#include <QByteArray>
#include <QByteArrayView>

#include <optional>

namespace oc::sim {

// HTTP content codings for bodies prepared once and served many times (the
// static fallback): gzip (RFC 1952, through zlib) and br (RFC 7932, through
// libbrotli), chosen from a request's Accept-Encoding the way RFC 9110
// §12.5.3 says. The decoders are for the tests and bench/flip, which check
// that every representation decodes to the same bytes.
class ContentCoding
{
public:
    enum class Coding { Identity, Gzip, Brotli };

    // One body in each coding the server offers.
    struct Encoded
    {
        QByteArray identity;
        QByteArray gzip;
        QByteArray brotli;

        const QByteArray &body(Coding c) const;
    };

    // Compresses at the highest levels: the work is done once per upload.
    static Encoded encode(QByteArray identity);
    static QByteArray gzip(QByteArrayView data, int level = 9);
    static QByteArray brotli(QByteArrayView data, int quality = 11);
    static std::optional<QByteArray> gunzip(QByteArrayView data);
    static std::optional<QByteArray> unbrotli(QByteArrayView data);
    static std::optional<QByteArray> decode(Coding c, QByteArrayView data);

    // RFC 9110 §12.5.3: the acceptable coding with the highest qvalue ("*"
    // stands for codings not listed; "x-gzip" is gzip, §8.4.1.3), br before
    // gzip before identity on a tie. No header or an empty one: identity.
    // When nothing offered is acceptable (identity;q=0 and no gzip or br)
    // the server may still answer without a coding, which we do: the static
    // site never fails a visitor.
    static Coding choose(QByteArrayView acceptEncoding);
    // The Content-Encoding token; empty for identity.
    static QByteArray token(Coding c);
    static std::optional<Coding> fromToken(QByteArrayView token);
};

} // namespace oc::sim
