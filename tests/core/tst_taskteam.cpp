#include "TaskTeam.h"

#include <QTest>

#include <atomic>
#include <stdexcept>
#include <thread>
#include <vector>

using namespace oc;

class TestTaskTeam : public QObject
{
    Q_OBJECT

private slots:
    void sizeCountsTheCaller();
    void everyPartRunsOncePerJob();
    void partZeroRunsOnTheCaller();
    void anExceptionReachesTheCallerAfterEveryPart();
    void idleTeamStopsCleanly();
};

void TestTaskTeam::sizeCountsTheCaller()
{
    QCOMPARE(TaskTeam(1).size(), 1u);
    QCOMPARE(TaskTeam(3).size(), 3u);
    QCOMPARE(TaskTeam(100).size(), TaskTeam::kMaxThreads);
    QCOMPARE(TaskTeam(0).size(), TaskTeam::defaultThreads());
    QVERIFY(TaskTeam::defaultThreads() >= 1 && TaskTeam::defaultThreads() <= TaskTeam::kMaxThreads);
}

// Many short jobs back to back, as a build runs them: a helper that missed
// a start, or ran a job twice, shows up as a wrong count; a join that came
// too early, as a part still running when the next job starts.
void TestTaskTeam::everyPartRunsOncePerJob()
{
    for (const unsigned threads : {1u, 2u, 4u}) {
        TaskTeam team(threads);
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

void TestTaskTeam::partZeroRunsOnTheCaller()
{
    TaskTeam team(3);
    std::vector<std::thread::id> ids(team.size());
    team.run([&](unsigned part) { ids[part] = std::this_thread::get_id(); });
    QCOMPARE(ids[0], std::this_thread::get_id());
    for (unsigned part = 1; part < team.size(); ++part)
        QVERIFY(ids[part] != std::this_thread::get_id() && ids[part] != std::thread::id());
}

void TestTaskTeam::anExceptionReachesTheCallerAfterEveryPart()
{
    TaskTeam team(3);
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

void TestTaskTeam::idleTeamStopsCleanly()
{
    for (int i = 0; i < 50; ++i)
        TaskTeam team(4); // destroyed while its helpers may still be starting
}

QTEST_APPLESS_MAIN(TestTaskTeam)
#include "tst_taskteam.moc"
