#include "Terminal.h"

#include <cstdio>
#include <unistd.h>

namespace ecomops::app {

void out(const QString &text)
{
    std::fputs(text.toUtf8().append('\n').constData(), stdout);
    std::fflush(stdout);
}

void err(const QString &text)
{
    std::fputs(text.toUtf8().append('\n').constData(), stderr);
    std::fflush(stderr);
}

bool stdoutIsTerminal()
{
    return ::isatty(STDOUT_FILENO) == 1;
}
bool stderrIsTerminal()
{
    return ::isatty(STDERR_FILENO) == 1;
}

} // namespace ecomops::app
