package omnichannel.simulators.fourbiz;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.enterprise.context.ApplicationScoped;

/** What the simulated 4biz holds: sessions, requesters, tickets, their follow-ups and files. In memory, thread-safe. */
@ApplicationScoped
public class FourBizState {

    /** A requester ("colaborador"). */
    public record Employee(long id, String login, String name, String phoneNumber, String email, long unitId,
            Set<Long> groupIds) {
    }

    /** A ticket as created, with the fields the integration is judged on. */
    public record Ticket(String number, String numberOrigin, String userID, String description, String contractID,
            String serviceCode, String originCode, String contactName, String contactPhone, String status,
            List<Occurrence> occurrences, Instant createdAt) {
    }

    /** A follow-up on a ticket, with the ids of the files attached to it. */
    public record Occurrence(String id, String numberOrigin, String description, String date, String hour,
            String category, List<String> attachmentIds) {
    }

    /** A file on a ticket. */
    public record TicketAttachment(String id, String fileName, String contentType, byte[] content) {
    }

    /** A unit of 4biz's reference data. */
    public record Unit(long id, String name) {
    }

    private final Set<String> sessions = new LinkedHashSet<>();
    private final Map<String, List<TicketAttachment>> attachmentsByTicket = new LinkedHashMap<>();
    private final AtomicLong attachmentIds = new AtomicLong(300);
    private final Map<String, Employee> employeesByLogin = new LinkedHashMap<>();
    private final Map<String, Ticket> ticketsByNumber = new LinkedHashMap<>();
    private final Map<String, String> ticketNumberByOrigin = new LinkedHashMap<>();
    private final Set<String> occurrenceOrigins = new LinkedHashSet<>();
    private final AtomicLong employeeIds = new AtomicLong(980);
    private final AtomicLong ticketNumbers = new AtomicLong(4520);
    private final AtomicLong occurrenceIds = new AtomicLong(76);
    /** Named queries 4biz's administrator registered that find colaboradores by phone ({@code data/query}). */
    private final Set<String> phoneQueries = new LinkedHashSet<>();
    private final List<Unit> units = List.of(new Unit(1, "Sede"), new Unit(12, "Suporte ao cliente"),
            new Unit(13, "Suporte interno"), new Unit(20, "Filial Campinas"));

    public List<Unit> units() {
        return units;
    }

    /** Registers a named query that finds colaboradores by phone, as 4biz's administrator would. */
    public synchronized void registerPhoneQuery(String name) {
        phoneQueries.add(name);
    }

    public synchronized boolean isPhoneQuery(String name) {
        return name != null && phoneQueries.contains(name);
    }

    public synchronized String newSession() {
        String session = UUID.randomUUID().toString();
        sessions.add(session);
        return session;
    }

    public synchronized boolean isSession(String session) {
        return session != null && sessions.contains(session);
    }

    /** Expires every session, as 4biz does after its timeout. */
    public synchronized void expireSessions() {
        sessions.clear();
    }

    /** Idempotent by login: an existing requester keeps its unit and gains the group. Returns it and whether it is new. */
    public synchronized Map.Entry<Employee, Boolean> synchronize(String login, String name, String phone, String email,
            long unitId, List<Long> groupIds) {
        Employee existing = employeesByLogin.get(login);
        if (existing != null) {
            Set<Long> groups = new LinkedHashSet<>(existing.groupIds());
            groups.addAll(groupIds);
            Employee updated = new Employee(existing.id(), login, name == null ? existing.name() : name,
                    phone == null ? existing.phoneNumber() : phone, existing.email(), existing.unitId(), groups);
            employeesByLogin.put(login, updated);
            return Map.entry(updated, false);
        }
        Employee created = new Employee(employeeIds.incrementAndGet(), login, name, phone, email, unitId,
                new LinkedHashSet<>(groupIds));
        employeesByLogin.put(login, created);
        return Map.entry(created, true);
    }

    /** The colaboradores whose phone number has the same digits as one of {@code numbers}. */
    public synchronized List<Employee> employeesByPhone(List<String> numbers) {
        Set<String> wanted = new LinkedHashSet<>();
        numbers.forEach(n -> wanted.add(n.replaceAll("\\D", "")));
        return employeesByLogin.values().stream()
                .filter(e -> e.phoneNumber() != null && wanted.contains(e.phoneNumber().replaceAll("\\D", ""))).toList();
    }

    public synchronized boolean hasEmployee(String login) {
        return employeesByLogin.containsKey(login);
    }

    /** Null when the numberOrigin was used already (4biz rejects it). */
    public synchronized Ticket createTicket(String numberOrigin, String userID, String description, String contractID,
            String serviceCode, String originCode, String contactName, String contactPhone) {
        if (ticketNumberByOrigin.containsKey(numberOrigin)) {
            return null;
        }
        String number = Long.toString(ticketNumbers.incrementAndGet());
        Ticket ticket = new Ticket(number, numberOrigin, userID, description, contractID, serviceCode, originCode,
                contactName, contactPhone, "EmAndamento", new ArrayList<>(), Instant.now());
        ticketsByNumber.put(number, ticket);
        ticketNumberByOrigin.put(numberOrigin, number);
        return ticket;
    }

    public synchronized Ticket ticket(String number) {
        return number == null ? null : ticketsByNumber.get(number);
    }

    public synchronized Ticket ticketByOrigin(String numberOrigin) {
        return ticket(ticketNumberByOrigin.get(numberOrigin));
    }

    /** Changes a ticket's status, as an attendant would. */
    public synchronized Ticket setStatus(String number, String status) {
        Ticket ticket = ticketsByNumber.get(number);
        if (ticket == null) {
            return null;
        }
        Ticket updated = new Ticket(ticket.number(), ticket.numberOrigin(), ticket.userID(), ticket.description(),
                ticket.contractID(), ticket.serviceCode(), ticket.originCode(), ticket.contactName(),
                ticket.contactPhone(), status, ticket.occurrences(), ticket.createdAt());
        ticketsByNumber.put(number, updated);
        return updated;
    }

    /** Null when the numberOrigin was used already. */
    public synchronized Occurrence addOccurrence(String requestNumber, String numberOrigin, String description,
            String date, String hour, String category) {
        Ticket ticket = ticketsByNumber.get(requestNumber);
        if (ticket == null || numberOrigin != null && !occurrenceOrigins.add(numberOrigin)) {
            return null;
        }
        Occurrence occurrence = new Occurrence(Long.toString(occurrenceIds.incrementAndGet()), numberOrigin, description,
                date, hour, category, new ArrayList<>());
        ticket.occurrences().add(occurrence);
        return occurrence;
    }

    /** Null when the ticket is unknown. 4biz keys attachments by nothing of the caller's: a repeat is a second file. */
    public synchronized TicketAttachment addAttachment(String requestNumber, String fileName, String contentType,
            byte[] content) {
        if (!ticketsByNumber.containsKey(requestNumber)) {
            return null;
        }
        List<TicketAttachment> files = attachmentsByTicket.computeIfAbsent(requestNumber, n -> new ArrayList<>());
        TicketAttachment file = new TicketAttachment(Long.toString(attachmentIds.incrementAndGet()), fileName,
                contentType, content);
        files.add(file);
        return file;
    }

    /** An attendant's follow-up with files attached to it (4biz's form lets them attach files to a follow-up). */
    public synchronized Occurrence addAttendantOccurrence(String requestNumber, String description, String date,
            String hour, String category, List<TicketAttachment> files) {
        Occurrence occurrence = addOccurrence(requestNumber, null, description, date, hour, category);
        if (occurrence != null) {
            for (TicketAttachment file : files) {
                TicketAttachment added = addAttachment(requestNumber, file.fileName(), file.contentType(),
                        file.content());
                occurrence.attachmentIds().add(added.id());
            }
        }
        return occurrence;
    }

    /** One file of a ticket, or null. */
    public synchronized TicketAttachment attachment(String requestNumber, String id) {
        return attachmentsByTicket.getOrDefault(requestNumber, List.of()).stream().filter(f -> f.id().equals(id))
                .findFirst().orElse(null);
    }

    /** The ticket's files in the order they were attached; null when the ticket is unknown. */
    public synchronized List<TicketAttachment> attachments(String requestNumber) {
        return ticketsByNumber.containsKey(requestNumber)
                ? List.copyOf(attachmentsByTicket.getOrDefault(requestNumber, List.of()))
                : null;
    }

    public synchronized List<Employee> employees() {
        return List.copyOf(employeesByLogin.values());
    }

    public synchronized List<Ticket> tickets() {
        return ticketsByNumber.values().stream()
                .map(t -> new Ticket(t.number(), t.numberOrigin(), t.userID(), t.description(), t.contractID(),
                        t.serviceCode(), t.originCode(), t.contactName(), t.contactPhone(), t.status(),
                        List.copyOf(t.occurrences()), t.createdAt()))
                .toList();
    }

    public synchronized void reset() {
        sessions.clear();
        employeesByLogin.clear();
        ticketsByNumber.clear();
        ticketNumberByOrigin.clear();
        occurrenceOrigins.clear();
        attachmentsByTicket.clear();
        phoneQueries.clear();
    }
}
