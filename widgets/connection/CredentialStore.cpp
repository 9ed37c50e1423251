#include "connection/CredentialStore.h"

#include "common/WidgetsLogging.h"

#include <qt6keychain/keychain.h>

namespace ecomops::widgets {

namespace {

CredentialResult resultOf(const QKeychain::Job &job)
{
    CredentialResult result;
    switch (job.error()) {
    case QKeychain::NoError:
        result.status = CredentialResult::Status::Ok;
        break;
    case QKeychain::EntryNotFound:
        result.status = CredentialResult::Status::NotFound;
        break;
    default:
        result.status = CredentialResult::Status::Unavailable;
        result.error = job.errorString();
        break;
    }
    return result;
}

// Jobs have no parent: they finish (and delete themselves) even when the
// context is gone, in which case the connection simply never fires.
template <typename Job, typename Prepare>
void runJob(const QString &service, const QString &key, QObject *context, CredentialStore::Callback done,
            Prepare prepare)
{
    auto *job = new Job(service);
    job->setAutoDelete(true);
    job->setInsecureFallback(false);
    job->setKey(key);
    prepare(*job);
    QObject::connect(job, &QKeychain::Job::finished, context, [done = std::move(done)](QKeychain::Job *finished) {
        CredentialResult result = resultOf(*finished);
        if (result.ok()) {
            if (auto *read = qobject_cast<QKeychain::ReadPasswordJob *>(finished))
                result.password = read->textData();
        }
        if (result.status == CredentialResult::Status::Unavailable)
            qCWarning(lcConsoleConnection) << "system keyring unavailable:" << result.error;
        done(result);
    });
    job->start();
}

} // namespace

CredentialStore::CredentialStore(QString service) : m_service(std::move(service)) {}

QString CredentialStore::defaultService()
{
    return QStringLiteral("EcomOps Console");
}

void CredentialStore::readPassword(const QString &key, QObject *context, Callback done) const
{
    runJob<QKeychain::ReadPasswordJob>(m_service, key, context, std::move(done), [](auto &) {});
}

void CredentialStore::writePassword(const QString &key, const QString &password, QObject *context, Callback done) const
{
    runJob<QKeychain::WritePasswordJob>(m_service, key, context, std::move(done),
                                        [&password](QKeychain::WritePasswordJob &job) { job.setTextData(password); });
}

void CredentialStore::deletePassword(const QString &key, QObject *context, Callback done) const
{
    runJob<QKeychain::DeletePasswordJob>(m_service, key, context, std::move(done), [](auto &) {});
}

} // namespace ecomops::widgets
