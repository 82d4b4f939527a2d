#pragma once

#include <QDateTime>
#include <QFile>
#include <QList>
#include <QObject>
#include <QTimer>
#include <QUuid>

namespace oc {
class PgSession;
} // namespace oc

namespace oc::sim {

class PgSessionPool;

// RSVPs taken while the site is static, when nothing may touch the
// database. Each one is appended to a journal file before it is
// acknowledged, so a crash loses none; once the site is dynamic again they
// are written to rsvps in batches. A batch records its queue ids in
// hubsim_rsvp_flushed in the same statement, so replaying the journal after
// a crash between commit and journal rewrite inserts nothing twice.
class RsvpQueue : public QObject
{
    Q_OBJECT
public:
    struct Item
    {
        QUuid qid;
        qint64 eventId = 0;
        QString email;
        QString utmSource;
        QString utmMedium;
        QString utmCampaign;
        QDateTime queuedAt;
    };

    RsvpQueue(PgSessionPool &pool, QString journalPath, QObject *parent = nullptr);

    static void ensureSchema(PgSession &s);

    // Loads what an earlier run left in the journal.
    bool open(QString *error);
    // False when the journal cannot be written: the RSVP is then refused,
    // never acknowledged and lost.
    bool enqueue(Item item, QString *error);
    int pending() const { return int(m_items.size()); }
    qint64 flushedTotal() const { return m_flushedTotal; }
    const QString &journalPath() const { return m_path; }

    // Starts writing the queue to rsvps (no-op while a batch is in flight);
    // keeps going, retrying on errors, until empty or paused.
    void flush();
    void setPaused(bool paused);

Q_SIGNALS:
    void pendingChanged(int pending);
    void drained();

private:
    void flushBatch();
    bool rewriteJournal(QString *error);
    static QByteArray line(const Item &item);

    PgSessionPool &m_pool;
    QString m_path;
    QFile m_journal;
    QList<Item> m_items;
    bool m_paused = true;
    bool m_inFlight = false;
    qint64 m_flushedTotal = 0;
    QTimer m_retry;
};

} // namespace oc::sim
