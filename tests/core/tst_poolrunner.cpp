#include "PoolRunner.h"

#include <QTest>

#include <atomic>
#include <chrono>
#include <functional>
#include <stdexcept>
#include <thread>
#include <vector>

using namespace oc;

class TestPoolRunner : public QObject
{
    Q_OBJECT

private slots:
    void sizeCountsTheCaller();
    void everyPartRunsOncePerJob();
    void startRunsTheHelpersPartsMeanwhile();
    void anExceptionReachesTheCallerAfterEveryPart();
    void idleTeamStopsCleanly();
};

void TestPoolRunner::sizeCountsTheCaller()
{
    QCOMPARE(PoolRunner(1).size(), 1u);
    QCOMPARE(PoolRunner(3).size(), 3u);
    QCOMPARE(PoolRunner(100).size(), PoolRunner::kMaxThreads);
    QCOMPARE(PoolRunner(0).size(), PoolRunner::defaultThreads());
    QVERIFY(PoolRunner::defaultThreads() >= 1 && PoolRunner::defaultThreads() <= PoolRunner::kMaxThreads);
}

// Many short jobs back to back, as a build runs them: a helper that missed
// a start, or ran a job twice, shows up as a wrong count; a join that came
// too early, as a part still running when the next job starts.
void TestPoolRunner::everyPartRunsOncePerJob()
{
    for (const unsigned threads : {1u, 2u, 4u}) {
        PoolRunner team(threads);
        std::vector<std::atomic<int>> calls(team.size());
        std::atomic<int> running {0};
        std::atomic<bool> overlapped {false};
        constexpr int kJobs = 3000;
        for (int job = 0; job < kJobs; ++job) {
            team.run([&](unsigned part) {
                if (running.fetch_add(1) >= int(team.size()))
                    overlapped = true;
                calls[part].fetch_add(1);
                running.fetch_sub(1);
            });
            QCOMPARE(running.load(), 0);
        }
        QVERIFY(!overlapped);
        for (unsigned part = 0; part < team.size(); ++part)
            QCOMPARE(calls[part].load(), kJobs);
    }
}

// The build's overlap: parts 1.. on the pool while the caller works, joined
// by wait(); part 0 is the caller's business and never started.
void TestPoolRunner::startRunsTheHelpersPartsMeanwhile()
{
    PoolRunner team(3);
    std::vector<std::atomic<int>> calls(team.size());
    std::vector<std::thread::id> ids(team.size());
    const std::function<void(unsigned)> job = [&](unsigned part) {
        ids[part] = std::this_thread::get_id();
        calls[part].fetch_add(1);
    };
    for (int round = 0; round < 200; ++round) {
        team.start(job);
        team.wait();
    }
    QCOMPARE(calls[0].load(), 0);
    for (unsigned part = 1; part < team.size(); ++part) {
        QCOMPARE(calls[part].load(), 200);
        QVERIFY(ids[part] != std::thread::id());
    }
    // A runner destroyed with a job started waits for it.
    std::atomic<int> late {0};
    const std::function<void(unsigned)> slow = [&](unsigned) {
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
        late.fetch_add(1);
    };
    {
        PoolRunner r(2);
        r.start(slow);
    }
    QCOMPARE(late.load(), 1);
}

void TestPoolRunner::anExceptionReachesTheCallerAfterEveryPart()
{
    PoolRunner team(3);
    std::atomic<int> finished {0};
    bool caught = false;
    try {
        team.run([&](unsigned part) {
            if (part == 2)
                throw std::runtime_error("part 2 failed");
            finished.fetch_add(1);
        });
    } catch (const std::runtime_error &e) {
        caught = QByteArray(e.what()) == "part 2 failed";
    }
    QVERIFY(caught);
    QCOMPARE(finished.load(), 2);
    // The team is still usable afterwards.
    std::atomic<int> after {0};
    team.run([&](unsigned) { after.fetch_add(1); });
    QCOMPARE(after.load(), 3);
}

void TestPoolRunner::idleTeamStopsCleanly()
{
    for (int i = 0; i < 50; ++i)
        PoolRunner team(4); // destroyed while its helpers may still be starting
}

QTEST_GUILESS_MAIN(TestPoolRunner)
#include "tst_poolrunner.moc"
