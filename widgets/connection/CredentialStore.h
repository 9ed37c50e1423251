#pragma once
// Passwords in the operating system's keyring (Secret Service, KWallet,
// Keychain, Credential Manager) through qtkeychain, asynchronously. Never
// falls back to storing a password in plain text: when no keyring is
// available the result says so and the caller keeps the password in memory.
#include <QObject>
#include <QString>

#include <functional>

namespace ecomops::widgets {

struct CredentialResult {
    enum class Status { Ok, NotFound, Unavailable };
    Status status = Status::Unavailable;
    QString password; // reads only
    QString error;    // the keyring's own words, when Unavailable
    bool ok() const { return status == Status::Ok; }
};

class CredentialStore
{
public:
    using Callback = std::function<void(const CredentialResult &)>;

    explicit CredentialStore(QString service = defaultService());
    static QString defaultService(); // "EcomOps Console"
    QString service() const { return m_service; }

    // `done` runs on `context`'s thread, and not at all once context is gone.
    void readPassword(const QString &key, QObject *context, Callback done) const;
    void writePassword(const QString &key, const QString &password, QObject *context, Callback done) const;
    void deletePassword(const QString &key, QObject *context, Callback done) const;

private:
    QString m_service;
};

} // namespace ecomops::widgets
