#include "SignalQuit.h"

#include "LogCategories.h"

#include <QCoreApplication>
#include <QSocketNotifier>

#include <fcntl.h>
#include <signal.h>
#include <unistd.h>

namespace oc {
namespace {
int g_pipe[2] = {-1, -1};

void onSignal(int sig)
{
    const char c = char(sig);
    [[maybe_unused]] const ssize_t n = ::write(g_pipe[1], &c, 1);
}
} // namespace

SignalQuit::SignalQuit(QObject *parent)
    : QObject(parent)
{
    auto *n = new QSocketNotifier(g_pipe[0], QSocketNotifier::Read, this);
    connect(n, &QSocketNotifier::activated, this, [] {
        char c = 0;
        [[maybe_unused]] const ssize_t r = ::read(g_pipe[0], &c, 1);
        logcat::app()->info("signal {} received, shutting down", int(c));
        QCoreApplication::quit();
    });
}

void SignalQuit::install()
{
    if (g_pipe[0] >= 0 || ::pipe2(g_pipe, O_CLOEXEC | O_NONBLOCK) != 0)
        return;
    new SignalQuit(QCoreApplication::instance());
    struct sigaction sa {};
    sa.sa_handler = onSignal;
    sigemptyset(&sa.sa_mask);
    sa.sa_flags = SA_RESTART;
    for (int sig : {SIGINT, SIGTERM, SIGHUP})
        ::sigaction(sig, &sa, nullptr);
}

} // namespace oc
