#pragma once

#include "HttpReply.h"

#include <QList>
#include <QString>

namespace oc::sim {

// Every problem type (RFC 7807 `type`) the ops API answers with, declared
// once so no handler can invent one the contract does not name:
// resources/openapi/ops-api.yaml lists the same set as the enum of
// components.schemas.Problem.properties.type, and tst_opsapicontract checks
// the two against each other in both directions.
#define OC_OPS_PROBLEMS(X)                                                                                             \
    X(MalformedJson, "malformed-json")                                                                                 \
    X(NotFound, "not-found")                                                                                           \
    X(Unauthorized, "unauthorized")                                                                                    \
    X(InvalidToken, "invalid-token")                                                                                   \
    X(Forbidden, "forbidden")                                                                                          \
    X(InjectedFault, "injected-fault")                                                                                 \
    X(InternalError, "internal-error")                                                                                 \
    X(BackendUnavailable, "backend-unavailable")                                                                       \
    X(CampaignNotFound, "campaign-not-found")                                                                          \
    X(CampaignEnded, "campaign-ended")                                                                                 \
    X(InvalidSnapshot, "invalid-snapshot")                                                                             \
    X(SnapshotRequired, "snapshot-required")                                                                           \
    X(UnknownSnapshot, "unknown-snapshot")                                                                             \
    X(InvalidMode, "invalid-mode")                                                                                     \
    X(IdempotencyKeyRequired, "idempotency-key-required")                                                              \
    X(InvalidBlast, "invalid-blast")                                                                                   \
    X(UnknownCampaign, "unknown-campaign")                                                                             \
    X(IdempotencyKeyReused, "idempotency-key-reused")                                                                  \
    X(BlastNotApproved, "blast-not-approved")                                                                          \
    X(BlastNotFound, "blast-not-found")                                                                                \
    X(BlastNotCancellable, "blast-not-cancellable")                                                                    \
    X(InvalidFault, "invalid-fault")

enum class OpsProblem {
#define OC_OPS_PROBLEM_ENUM(name, slug) name,
    OC_OPS_PROBLEMS(OC_OPS_PROBLEM_ENUM)
#undef OC_OPS_PROBLEM_ENUM
};

// The last path segment of the type URI ("forbidden").
inline QString opsProblemSlug(OpsProblem p)
{
    switch (p) {
#define OC_OPS_PROBLEM_SLUG(name, slug)                                                                                \
    case OpsProblem::name: return QStringLiteral(slug);
        OC_OPS_PROBLEMS(OC_OPS_PROBLEM_SLUG)
#undef OC_OPS_PROBLEM_SLUG
    }
    return {};
}

inline QList<OpsProblem> allOpsProblems()
{
    return {
#define OC_OPS_PROBLEM_ALL(name, slug) OpsProblem::name,
        OC_OPS_PROBLEMS(OC_OPS_PROBLEM_ALL)
#undef OC_OPS_PROBLEM_ALL
    };
}

inline HttpReply opsProblem(HttpReply::Status s, OpsProblem p, const QString &title, const QString &detail = {})
{
    return HttpReply::problem(s, opsProblemSlug(p), title, detail);
}

} // namespace oc::sim
