// The embedded server's socket folder when the data folder's path is too long
// for a socket name: another account that prepares that folder (its own, or
// open to everyone) must meet a refusal naming the folder and its owner, both
// before the server starts and before a client connects.
#include "TestSupport.h"
#include "database/EmbeddedCluster.h"
#include "database/PrivateDirectory.h"

#include <QtTest>

#include <pwd.h>
#include <sys/stat.h>
#include <unistd.h>

using namespace ecomops;

namespace {

using Result = test::ProcessResult;

// The socket folder under /tmp is the fallback when no runtime folder is
// set (cron, a root session); both this process and the children use it.
Result run(const QStringList &args)
{
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.remove(QStringLiteral("XDG_RUNTIME_DIR"));
    return test::runEcomops(args, env);
}

QString ownerName(uid_t uid)
{
    const passwd *pw = ::getpwuid(uid);
    return pw ? QString::fromUtf8(pw->pw_name) : QString::number(uid);
}

struct stat statOf(const QString &path)
{
    struct stat st {
    };
    ::lstat(QFile::encodeName(path).constData(), &st);
    return st;
}

// As the attacker would: the folder exists before us, open to everyone and,
// when we may give it away (root), owned by someone else.
QString squat(const QString &dir)
{
    const QByteArray native = QFile::encodeName(dir);
    ::mkdir(native.constData(), 0777);
    ::chmod(native.constData(), 0777);
    if (::geteuid() == 0) {
        const passwd *nobody = ::getpwnam("nobody");
        if (nobody && ::chown(native.constData(), nobody->pw_uid, nobody->pw_gid) == 0)
            return QStringLiteral("nobody");
    }
    return ownerName(::geteuid());
}

} // namespace

class TestClusterSocket : public QObject
{
    Q_OBJECT
    QTemporaryDir m_tmp{QStringLiteral("/tmp/ecomops-socket-XXXXXX")};
    QString m_dataDir;
    QString m_socketDir;

    QStringList dataDirArgs() const { return {QStringLiteral("--data-dir"), m_dataDir}; }

    void removeSocketDir() const
    {
        QDir(m_socketDir).removeRecursively();
        QVERIFY(!QFileInfo::exists(m_socketDir));
    }

private slots:
    void initTestCase()
    {
        QVERIFY(m_tmp.isValid());
        ::chmod(QFile::encodeName(m_tmp.path()).constData(), 0755); // as root, the server runs as postgres
        qunsetenv("XDG_RUNTIME_DIR");
        m_dataDir = m_tmp.filePath(
            QStringLiteral("a-folder-whose-name-is-long-enough-that-the-socket-path-would-not-fit/data"));
        QVERIFY(m_dataDir.toUtf8().size() > 100);
        m_socketDir = db::EmbeddedCluster(m_dataDir).socketDir();
        QVERIFY2(m_socketDir.startsWith(QStringLiteral("/tmp/ecomops-")), qPrintable(m_socketDir));
        QDir(m_socketDir).removeRecursively(); // left by an earlier, interrupted run
    }

    void cleanupTestCase()
    {
        run(QStringList{QStringLiteral("db"), QStringLiteral("stop")} + dataDirArgs());
        QDir(m_socketDir).removeRecursively();
    }

    void privateDirectoryRules()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("p"));
        db::ensurePrivateDirectory(path, ::geteuid(), ::getegid());
        QCOMPARE(statOf(path).st_mode & 07777, mode_t(0700));
        QVERIFY(db::privateDirectoryProblem(path, ::geteuid()).isEmpty());
        ::chmod(QFile::encodeName(path).constData(), 0755);
        QVERIFY(db::privateDirectoryProblem(path, ::geteuid()).contains(QStringLiteral("0755")));
        ::chmod(QFile::encodeName(path).constData(), 0700);
        const QString link = dir.filePath(QStringLiteral("link"));
        QVERIFY(QFile::link(path, link));
        QVERIFY(db::privateDirectoryProblem(link, ::geteuid()).contains(QStringLiteral("symbolic link")));
        QVERIFY_THROWS_EXCEPTION(db::ClusterError, db::ensurePrivateDirectory(link, ::geteuid(), ::getegid()));
    }

    void squattedFolderIsRefusedBeforeTheServerStarts()
    {
        const QString owner = squat(m_socketDir);
        for (const QStringList &command : {QStringList{QStringLiteral("db"), QStringLiteral("init")},
                                           QStringList{QStringLiteral("runs"), QStringLiteral("list")}}) {
            const Result r = run(command + dataDirArgs());
            QVERIFY2(r.exitCode == 1,
                     qPrintable(command.join(QLatin1Char(' ')) + QStringLiteral(": ") + r.out + r.err));
            QVERIFY2(r.err.contains(m_socketDir), qPrintable(r.err));
            QVERIFY2(r.err.contains(QStringLiteral("owned by %1").arg(owner)), qPrintable(r.err));
        }
        // Nothing ran: no server, and nothing of ours inside the attacker's folder.
        QVERIFY(run(QStringList{QStringLiteral("db"), QStringLiteral("status")} + dataDirArgs()).exitCode != 0);
        QVERIFY(QDir(m_socketDir).isEmpty(QDir::AllEntries | QDir::Hidden | QDir::System | QDir::NoDotAndDotDot));
        removeSocketDir();
    }

    void ownFolderIsCreatedPrivate()
    {
        const Result r = run(QStringList{QStringLiteral("db"), QStringLiteral("init")} + dataDirArgs());
        QVERIFY2(r.exitCode == 0, qPrintable(r.out + r.err));
        const struct stat st = statOf(m_socketDir);
        QCOMPARE(st.st_mode & 07777, mode_t(0700));
        const QString expectedOwner = ::geteuid() == 0 ? QStringLiteral("postgres") : ownerName(::geteuid());
        QCOMPARE(ownerName(st.st_uid), expectedOwner);
        const Result uri = run(QStringList{QStringLiteral("db"), QStringLiteral("uri")} + dataDirArgs());
        QCOMPARE(uri.exitCode, 0);
        QVERIFY2(uri.out.contains(QString::fromUtf8(QUrl::toPercentEncoding(m_socketDir))), qPrintable(uri.out));
        const Result q = run(QStringList{QStringLiteral("runs"), QStringLiteral("list")} + dataDirArgs());
        QVERIFY2(q.exitCode == 0, qPrintable(q.err));
    }

    void clientRefusesAFolderThatIsNoLongerPrivate()
    {
        // The server runs; the folder it listens in is then opened up (and,
        // as root, given away): a client must not connect through it.
        const QByteArray native = QFile::encodeName(m_socketDir);
        const struct stat before = statOf(m_socketDir);
        QCOMPARE(::chmod(native.constData(), 0777), 0);
        QString owner = ownerName(before.st_uid);
        if (::geteuid() == 0) {
            const passwd *nobody = ::getpwnam("nobody");
            QVERIFY(nobody);
            QCOMPARE(::chown(native.constData(), nobody->pw_uid, nobody->pw_gid), 0);
            owner = QStringLiteral("nobody");
        }
        for (const QStringList &command : {QStringList{QStringLiteral("db"), QStringLiteral("uri")},
                                           QStringList{QStringLiteral("runs"), QStringLiteral("list")}}) {
            const Result r = run(command + dataDirArgs());
            QVERIFY2(r.exitCode == 1,
                     qPrintable(command.join(QLatin1Char(' ')) + QStringLiteral(": ") + r.out + r.err));
            QVERIFY2(r.out.isEmpty() || !r.out.contains(QStringLiteral("postgresql://")), qPrintable(r.out));
            QVERIFY2(r.err.contains(m_socketDir) && r.err.contains(QStringLiteral("owned by %1").arg(owner)),
                     qPrintable(r.err));
        }
        QVERIFY_THROWS_EXCEPTION(db::ClusterError, db::EmbeddedCluster(m_dataDir).connectionUri());
        // Put back, it is usable again.
        QCOMPARE(::chown(native.constData(), before.st_uid, before.st_gid), 0);
        QCOMPARE(::chmod(native.constData(), 0700), 0);
        QCOMPARE(run(QStringList{QStringLiteral("db"), QStringLiteral("uri")} + dataDirArgs()).exitCode, 0);
    }
};

QTEST_GUILESS_MAIN(TestClusterSocket)
#include "tst_cluster_socket.moc"
