#include "Alert.h"

#include <QMetaEnum>

namespace oc {

QString Alert::stateName(State s)
{
    return QString::fromLatin1(QMetaEnum::fromType<State>().valueToKey(int(s)));
}

QString Alert::severityName(Severity s)
{
    return QString::fromLatin1(QMetaEnum::fromType<Severity>().valueToKey(int(s)));
}

} // namespace oc
