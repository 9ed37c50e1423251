#include "database/EmbeddedCluster.h"

#include "core/Logging.h"
#include "core/PrivateFolder.h"
#include "database/Migrator.h"
#include "database/PrivateDirectory.h"
#include "database/ServiceAccount.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QProcess>
#include <QStandardPaths>
#include <QUrl>

#include <pqxx/pqxx>

#include <cerrno>
#include <csignal>
#include <pwd.h>
#include <sys/stat.h>
#include <unistd.h>

namespace ecomops::db {
namespace {

constexpr int kToolTimeoutMs = 120000;
// sun_path holds 108 bytes; "/.s.PGSQL.5432" and the terminator take 15.
constexpr int kMaxSocketDirLength = 90;

QString tail(const QString &file, int lines)
{
    QFile f(file);
    if (!f.open(QIODevice::ReadOnly))
        return {};
    const QStringList all = QString::fromUtf8(f.readAll()).split(QLatin1Char('\n'));
    return all.mid(qMax(0, int(all.size()) - lines)).join(QLatin1Char('\n'));
}

} // namespace

using account::Account;
using account::currentUserName;
using account::lookupAccount;
using account::makePrivateDir;
using account::runningAsRoot;

ClusterError::ClusterError(const QString &message, const QString &detail)
    : std::runtime_error((detail.isEmpty() ? message : message + QStringLiteral("\n") + detail).toStdString()),
      m_message(message), m_detail(detail)
{
}

EmbeddedCluster::EmbeddedCluster(QString dataDir)
    : m_dataDir(dataDir.isEmpty() ? defaultDataDir() : QDir::cleanPath(QDir().absoluteFilePath(dataDir))),
      m_binDir(findPostgresBinDir())
{
}

QString EmbeddedCluster::defaultDataDir()
{
    const QString fromEnv = qEnvironmentVariable("ECOMOPS_PGDATA");
    if (!fromEnv.isEmpty())
        return fromEnv;
    // root's home is closed to the unprivileged account the server runs as.
    if (runningAsRoot())
        return QStringLiteral("/var/lib/ecomops/pgdata");
    return QStandardPaths::writableLocation(QStandardPaths::GenericDataLocation) + QStringLiteral("/ecomops/pgdata");
}

QString EmbeddedCluster::findPostgresBinDir()
{
    const QString fromEnv = qEnvironmentVariable("ECOMOPS_PG_BINDIR");
    if (!fromEnv.isEmpty())
        return fromEnv;
    // Debian keeps server binaries off PATH, one folder per major version.
    QDir lib(QStringLiteral("/usr/lib/postgresql"));
    QStringList versions = lib.entryList(QDir::Dirs | QDir::NoDotAndDotDot);
    std::sort(versions.begin(), versions.end(),
              [](const QString &a, const QString &b) { return a.toInt() > b.toInt(); });
    for (const QString &v : versions) {
        const QString bin = lib.filePath(v + QStringLiteral("/bin"));
        if (QFileInfo(bin + QStringLiteral("/initdb")).isExecutable())
            return bin;
    }
    QProcess pgConfig;
    pgConfig.start(QStringLiteral("pg_config"), {QStringLiteral("--bindir")});
    if (pgConfig.waitForFinished(5000) && pgConfig.exitCode() == 0) {
        const QString bin = QString::fromLocal8Bit(pgConfig.readAllStandardOutput()).trimmed();
        if (QFileInfo(bin + QStringLiteral("/initdb")).isExecutable())
            return bin;
    }
    return {};
}

QString EmbeddedCluster::socketDir() const
{
    // A running server says where its socket is (line 5 of postmaster.pid):
    // a client started with another environment still finds it.
    QFile pidFile(m_dataDir + QStringLiteral("/postmaster.pid"));
    if (postmasterPid() > 0 && pidFile.open(QIODevice::ReadOnly)) {
        QString line;
        for (int i = 0; i < 5 && !pidFile.atEnd(); ++i)
            line = QString::fromUtf8(pidFile.readLine()).trimmed();
        if (!line.isEmpty())
            return line;
    }
    return preferredSocketDir();
}

QString EmbeddedCluster::preferredSocketDir() const
{
    // The data directory is private (0700) and already ours: the socket lives
    // there, unless the path is too long for a Unix socket name.
    if (m_dataDir.toUtf8().size() <= kMaxSocketDirLength)
        return m_dataDir;
    const QString hash =
        QString::fromLatin1(QCryptographicHash::hash(m_dataDir.toUtf8(), QCryptographicHash::Sha1).toHex().left(12));
    // The session's runtime folder is private by definition; only when it is
    // missing (cron, root's server account) a folder in /tmp is made, which
    // must be ours and 0700 (see PrivateDirectory.h).
    const QString runtime = qEnvironmentVariable("XDG_RUNTIME_DIR");
    if (!runningAsRoot() && !runtime.isEmpty() && privateDirectoryProblem(runtime, ::geteuid()).isEmpty()) {
        const QString dir = runtime + QStringLiteral("/ecomops-") + hash;
        if (dir.toUtf8().size() <= kMaxSocketDirLength)
            return dir;
    }
    return QStringLiteral("/tmp/ecomops-%1-%2").arg(::geteuid()).arg(hash);
}

uid_t EmbeddedCluster::serviceUid() const
{
    Account account;
    if (runningAsRoot() && lookupAccount("postgres", &account))
        return account.uid;
    return ::geteuid();
}

void EmbeddedCluster::prepareSocketDir() const
{
    const QString dir = preferredSocketDir();
    if (dir == m_dataDir) {
        requirePrivateDirectory(dir, serviceUid());
        return;
    }
    Account account;
    if (runningAsRoot() && lookupAccount("postgres", &account))
        ensurePrivateDirectory(dir, account.uid, account.gid);
    else
        ensurePrivateDirectory(dir, ::geteuid(), ::getegid());
    pointConfigAt(dir);
}

void EmbeddedCluster::pointConfigAt(const QString &socketDir) const
{
    // The runtime folder can differ between sessions; the configuration
    // follows the folder chosen (and checked) for this start.
    QFile conf(m_dataDir + QStringLiteral("/postgresql.auto.conf"));
    if (!conf.open(QIODevice::ReadOnly | QIODevice::Text))
        return; // init() writes it
    QString dir = socketDir;
    dir.replace(QLatin1Char('\''), QStringLiteral("''"));
    const QString wanted = QStringLiteral("unix_socket_directories = '%1'").arg(dir);
    QStringList lines = QString::fromUtf8(conf.readAll()).split(QLatin1Char('\n'));
    conf.close();
    bool changed = false;
    for (QString &line : lines) {
        if (line.startsWith(QLatin1String("unix_socket_directories")) && line != wanted) {
            line = wanted;
            changed = true;
        }
    }
    // Rewritten in place, so it keeps its owner (the postgres account when we are root).
    if (changed && (!conf.open(QIODevice::WriteOnly | QIODevice::Truncate | QIODevice::Text) ||
                    conf.write(lines.join(QLatin1Char('\n')).toUtf8()) < 0))
        throw ClusterError(QObject::tr("Cannot write %1.").arg(conf.fileName()), conf.errorString());
}

QString EmbeddedCluster::superuser() const
{
    return currentUserName();
}

QString EmbeddedCluster::serviceAccount() const
{
    return runningAsRoot() ? QStringLiteral("postgres") : currentUserName();
}

QString EmbeddedCluster::logFile() const
{
    return m_dataDir + QStringLiteral("/ecomops-server.log");
}

QString EmbeddedCluster::binary(const QString &name) const
{
    if (m_binDir.isEmpty())
        throw ClusterError(QObject::tr("PostgreSQL server programs (initdb, pg_ctl) were not found."),
                           QObject::tr("Install the Debian package postgresql-15, or set ECOMOPS_PG_BINDIR."));
    return m_binDir + QLatin1Char('/') + name;
}

int EmbeddedCluster::runTool(const QStringList &command, QString *output, int timeoutMs) const
{
    QStringList argv = command;
    if (runningAsRoot()) {
        // PostgreSQL refuses root; run its tools as the service account.
        argv =
            QStringList{QStringLiteral("runuser"), QStringLiteral("-u"), serviceAccount(), QStringLiteral("--")} + argv;
    }
    QProcess process;
    process.setProcessChannelMode(QProcess::MergedChannels);
    process.setWorkingDirectory(QDir::rootPath());
    qCDebug(lcCluster) << "running" << argv.join(QLatin1Char(' '));
    process.start(argv.first(), argv.mid(1));
    if (!process.waitForStarted(10000))
        throw ClusterError(QObject::tr("Could not start %1.").arg(argv.first()), process.errorString());
    if (!process.waitForFinished(timeoutMs)) {
        process.kill();
        process.waitForFinished(2000);
        throw ClusterError(QObject::tr("%1 did not finish in time.").arg(QFileInfo(command.first()).fileName()));
    }
    if (output)
        *output = QString::fromLocal8Bit(process.readAll()).trimmed();
    return process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1;
}

EmbeddedCluster::State EmbeddedCluster::state() const
{
    if (!QFileInfo::exists(m_dataDir + QStringLiteral("/PG_VERSION")))
        return State::NotInitialized;
    return postmasterPid() > 0 ? State::Running : State::Stopped;
}

qint64 EmbeddedCluster::postmasterPid() const
{
    // Read postmaster.pid ourselves rather than ask `pg_ctl status`: a pid
    // reused by another program after a crash would fool pg_ctl.
    QFile pidFile(m_dataDir + QStringLiteral("/postmaster.pid"));
    if (!pidFile.open(QIODevice::ReadOnly))
        return 0;
    const qint64 pid = QString::fromLatin1(pidFile.readLine()).trimmed().toLongLong();
    if (pid <= 0 || (::kill(pid_t(pid), 0) != 0 && errno != EPERM))
        return 0;
    QFile comm(QStringLiteral("/proc/%1/comm").arg(pid));
    if (comm.open(QIODevice::ReadOnly) && !comm.readAll().startsWith("postgres"))
        return 0;
    return pid;
}

QString EmbeddedCluster::stateText() const
{
    switch (state()) {
    case State::NotInitialized:
        return QObject::tr("not initialized (%1)").arg(m_dataDir);
    case State::Stopped:
        return QObject::tr("stopped (%1)").arg(m_dataDir);
    case State::Running:
        return QObject::tr("running (%1, socket in %2)").arg(m_dataDir, socketDir());
    }
    return {};
}

void EmbeddedCluster::prepareDirectories() const
{
    Account account;
    const Account *owner = nullptr;
    if (runningAsRoot()) {
        if (!lookupAccount("postgres", &account))
            throw ClusterError(
                QObject::tr(
                    "PostgreSQL refuses to run as root, and there is no 'postgres' system account to run it as."),
                QObject::tr("Install the Debian package postgresql-15 (it creates the account), or run the console as "
                            "an ordinary user."));
        owner = &account;
    }
    QString error;
    if (!createAncestors(m_dataDir, &error)) // 0755: the service account must reach the data
        throw ClusterError(error);
    makePrivateDir(m_dataDir, owner);
}

void EmbeddedCluster::init(Migrate migrate)
{
    if (state() == State::NotInitialized) {
        prepareDirectories();
        QString out;
        qCInfo(lcCluster) << "initialising a private PostgreSQL cluster in" << m_dataDir;
        const int rc = runTool(
            {binary(QStringLiteral("initdb")), QStringLiteral("-D"), m_dataDir, QStringLiteral("-U"), superuser(),
             QStringLiteral("--auth-local=peer"), QStringLiteral("--auth-host=scram-sha-256"), QStringLiteral("-E"),
             QStringLiteral("UTF8"), QStringLiteral("--locale=C.UTF-8"), QStringLiteral("--no-instructions")},
            &out, kToolTimeoutMs);
        if (rc != 0)
            throw ClusterError(QObject::tr("initdb failed for %1.").arg(m_dataDir), out);
        // Settings go in the configuration file, not on pg_ctl's command
        // line, so paths with spaces survive and every start uses the same.
        QFile conf(m_dataDir + QStringLiteral("/postgresql.auto.conf"));
        if (!conf.open(QIODevice::Append | QIODevice::Text))
            throw ClusterError(QObject::tr("Cannot write %1.").arg(conf.fileName()), conf.errorString());
        QString dir = preferredSocketDir();
        dir.replace(QLatin1Char('\''), QStringLiteral("''"));
        conf.write(QStringLiteral("# written by EcomOps Console: a private cluster with no TCP listener\n"
                                  "listen_addresses = ''\n"
                                  "port = %1\n"
                                  "unix_socket_directories = '%2'\n"
                                  "unix_socket_permissions = 0700\n"
                                  "max_connections = 50\n"
                                  "shared_buffers = '128MB'\n"
                                  "fsync = on\n")
                       .arg(port())
                       .arg(dir)
                       .toUtf8());
        conf.close();
        if (runningAsRoot()) {
            Account account;
            lookupAccount("postgres", &account);
            const QByteArray native = QFile::encodeName(conf.fileName());
            if (::chown(native.constData(), account.uid, account.gid) != 0)
                throw ClusterError(QObject::tr("Cannot give %1 to the postgres account.").arg(conf.fileName()));
        }
    }
    start(migrate);
}

bool EmbeddedCluster::removeStalePidFile() const
{
    const QString pidFile = m_dataDir + QStringLiteral("/postmaster.pid");
    if (!QFileInfo::exists(pidFile) || postmasterPid() > 0)
        return false;
    qCWarning(lcCluster) << "removing the stale postmaster.pid left by a server that is gone, in" << m_dataDir;
    return QFile::remove(pidFile);
}

void EmbeddedCluster::start(Migrate migrate)
{
    switch (state()) {
    case State::NotInitialized:
        init(migrate); // init() starts it
        return;
    case State::Running:
        break;
    case State::Stopped: {
        removeStalePidFile();
        prepareSocketDir(); // refuses a folder another account could have prepared
        QString out;
        qCInfo(lcCluster) << "starting PostgreSQL in" << m_dataDir;
        const int rc =
            runTool({binary(QStringLiteral("pg_ctl")), QStringLiteral("start"), QStringLiteral("-D"), m_dataDir,
                     QStringLiteral("-l"), logFile(), QStringLiteral("-w"), QStringLiteral("-t"), QStringLiteral("60")},
                    &out, kToolTimeoutMs);
        if (rc != 0)
            throw ClusterError(QObject::tr("The embedded PostgreSQL server in %1 did not start.").arg(m_dataDir),
                               out + QLatin1Char('\n') + tail(logFile(), 15));
        break;
    }
    }
    if (migrate == Migrate::No)
        return;
    ensureDatabase(databaseName());
    pqxx::connection connection{connectionUri().toStdString()};
    Migrator().apply(connection);
}

void EmbeddedCluster::stop()
{
    if (state() != State::Running)
        return;
    QString out;
    const int rc = runTool({binary(QStringLiteral("pg_ctl")), QStringLiteral("stop"), QStringLiteral("-D"), m_dataDir,
                            QStringLiteral("-m"), QStringLiteral("fast"), QStringLiteral("-w"), QStringLiteral("-t"),
                            QStringLiteral("60")},
                           &out, kToolTimeoutMs);
    if (rc != 0)
        throw ClusterError(QObject::tr("The embedded PostgreSQL server in %1 did not stop.").arg(m_dataDir), out);
}

void EmbeddedCluster::ensureDatabase(const QString &name)
{
    pqxx::connection connection{connectionUri(QStringLiteral("postgres")).toStdString()};
    pqxx::nontransaction tx{connection};
    const auto exists = tx.exec_params("SELECT 1 FROM pg_database WHERE datname = $1", name.toStdString());
    if (exists.empty())
        tx.exec0("CREATE DATABASE " + tx.quote_name(name.toStdString()));
}

QString EmbeddedCluster::connectionUri(const QString &database) const
{
    const QString db = database.isEmpty() ? databaseName() : database;
    // Checked before every connection, not only at start: the folder is
    // where libpq will look for the server.
    requirePrivateDirectory(socketDir(), serviceUid());
    return QStringLiteral("postgresql:///%1?host=%2&port=%3&user=%4")
        .arg(QString::fromUtf8(QUrl::toPercentEncoding(db)), QString::fromUtf8(QUrl::toPercentEncoding(socketDir())),
             QString::number(port()), QString::fromUtf8(QUrl::toPercentEncoding(superuser())));
}

} // namespace ecomops::db
