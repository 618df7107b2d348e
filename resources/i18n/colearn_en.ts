<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="en_US">
    <context>
        <name>Backups</name>
        <message numerus="yes">
            <source>%n contact(s)</source>
            <translation>
                <numerusform>%n contact</numerusform>
                <numerusform>%n contacts</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n conversation(s)</source>
            <translation>
                <numerusform>%n conversation</numerusform>
                <numerusform>%n conversations</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n favour(s)</source>
            <translation>
                <numerusform>%n favour</numerusform>
                <numerusform>%n favours</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n purchase(s)</source>
            <translation>
                <numerusform>%n purchase</numerusform>
                <numerusform>%n purchases</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>BriefView</name>
        <message numerus="yes">
            <source>%n conversation(s)</source>
            <translation>
                <numerusform>%n conversation</numerusform>
                <numerusform>%n conversations</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>ContactPage</name>
        <message numerus="yes">
            <source>every %n day(s)</source>
            <translation>
                <numerusform>every %n day</numerusform>
                <numerusform>every %n days</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>ContactsPage</name>
        <message numerus="yes">
            <source>%n contact(s)</source>
            <translation>
                <numerusform>%n contact</numerusform>
                <numerusform>%n contacts</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>DueText</name>
        <message numerus="yes">
            <source>%n day(s) after buying %1</source>
            <translation>
                <numerusform>%n day after buying %1</numerusform>
                <numerusform>%n days after buying %1</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n day(s) ago</source>
            <translation>
                <numerusform>%n day ago</numerusform>
                <numerusform>%n days ago</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n day(s) overdue</source>
            <translation>
                <numerusform>%n day overdue</numerusform>
                <numerusform>%n days overdue</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n due today</source>
            <translation>
                <numerusform>%n due today</numerusform>
                <numerusform>%n due today</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n overdue</source>
            <translation>
                <numerusform>%n overdue</numerusform>
                <numerusform>%n overdue</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>(with %n other(s))</source>
            <translation>
                <numerusform>(with %n other)</numerusform>
                <numerusform>(with %n others)</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>every %n day(s)</source>
            <translation>
                <numerusform>every %n day</numerusform>
                <numerusform>every %n days</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>every %n month(s)</source>
            <translation>
                <numerusform>every %n month</numerusform>
                <numerusform>every %n months</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>every %n week(s)</source>
            <translation>
                <numerusform>every %n week</numerusform>
                <numerusform>every %n weeks</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>every %n year(s)</source>
            <translation>
                <numerusform>every %n year</numerusform>
                <numerusform>every %n years</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>in %n day(s)</source>
            <translation>
                <numerusform>in %n day</numerusform>
                <numerusform>in %n days</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>turns %n on %1</source>
            <translation>
                <numerusform>turns %n on %1</numerusform>
                <numerusform>turns %n on %1</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>DuplicatesDialog</name>
        <message numerus="yes">
            <source>%n group(s) of contacts that are probably one person, surest first.</source>
            <translation>
                <numerusform>%n group of contacts that are probably one person, surest first.</numerusform>
                <numerusform>%n groups of contacts that are probably one person, surest first.</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>Format</name>
        <message numerus="yes">
            <source>%n day(s) ago</source>
            <translation>
                <numerusform>%n day ago</numerusform>
                <numerusform>%n days ago</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n day(s) overdue</source>
            <translation>
                <numerusform>%n day overdue</numerusform>
                <numerusform>%n days overdue</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n month(s) ago</source>
            <translation>
                <numerusform>%n month ago</numerusform>
                <numerusform>%n months ago</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n year(s) ago</source>
            <translation>
                <numerusform>%n year ago</numerusform>
                <numerusform>%n years ago</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>I owe %n</source>
            <translation>
                <numerusform>I owe %n</numerusform>
                <numerusform>I owe %n</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>in %n day(s)</source>
            <translation>
                <numerusform>in %n day</numerusform>
                <numerusform>in %n days</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>they owe %n</source>
            <translation>
                <numerusform>they owe %n</numerusform>
                <numerusform>they owe %n</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>Referrals</name>
        <message numerus="yes">
            <source>%n month(s)</source>
            <translation>
                <numerusform>%n month</numerusform>
                <numerusform>%n months</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n project(s) with you</source>
            <translation>
                <numerusform>%n project with you</numerusform>
                <numerusform>%n projects with you</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>sent you %n referral(s) before</source>
            <translation>
                <numerusform>sent you %n referral before</numerusform>
                <numerusform>sent you %n referrals before</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>they owe you %n favour(s)</source>
            <translation>
                <numerusform>they owe you %n favour</numerusform>
                <numerusform>they owe you %n favours</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>you owe them %n favour(s)</source>
            <translation>
                <numerusform>you owe them %n favour</numerusform>
                <numerusform>you owe them %n favours</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>ReferralsPage</name>
        <message numerus="yes">
            <source>&amp;Ready to ask (%n)</source>
            <translation>
                <numerusform>&amp;Ready to ask (%n)</numerusform>
                <numerusform>&amp;Ready to ask (%n)</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>As&amp;ks (%n open)</source>
            <translation>
                <numerusform>As&amp;ks (%n open)</numerusform>
                <numerusform>As&amp;ks (%n open)</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>Who sent people your way in this period. %n referral(s) still to thank.</source>
            <translation>
                <numerusform>Who sent people your way in this period. %n referral still to thank.</numerusform>
                <numerusform>Who sent people your way in this period. %n referrals still to thank.</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n ask(s)</source>
            <translation>
                <numerusform>%n ask</numerusform>
                <numerusform>%n asks</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n answered with a referral</source>
            <translation>
                <numerusform>%n answered with a referral</numerusform>
                <numerusform>%n answered with a referral</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n referral(s) received</source>
            <translation>
                <numerusform>%n referral received</numerusform>
                <numerusform>%n referrals received</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n new client(s)</source>
            <translation>
                <numerusform>%n new client</numerusform>
                <numerusform>%n new clients</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>TodayPage</name>
        <message numerus="yes">
            <source>%n item(s) coming up</source>
            <translation>
                <numerusform>%n item coming up</numerusform>
                <numerusform>%n items coming up</numerusform>
            </translation>
        </message>
    </context>
</TS>