"""The short lessons, as data: id, title, paragraphs, and who a lesson is offered to.

General guidance in plain words, written from the clinical notes behind the product; not
medical advice. Ids are stable (the history records them), so never rename one: add a new
lesson instead. ``for_conditions`` empty means everyone; otherwise the lesson is offered
after a routine only to people with one of those conditions (``learn`` shows it to anyone).
"""

from __future__ import annotations

#: (id, title, for_conditions, paragraphs), in the order they are offered.
LESSONS: tuple[tuple[str, str, tuple[str, ...], tuple[str, ...]], ...] = (
    (
        "hurt-not-harm",
        "Hurt is not harm",
        (),
        (
            "Back pain can be fierce and still not mean that anything is damaged. Pain is "
            "your body's alarm, and with a sore back the alarm is often set too sensitive: it "
            "goes off early, for ordinary movements that are safe.",
            "So some discomfort when you start moving again is expected. It is not a sign "
            "that you are making things worse. Mild stiffness or ache that settles within a "
            "couple of hours after exercise is common and fine.",
            "What to watch for is different: pain that turns sharp, pain or tingling that "
            "spreads down a leg, or pain that is clearly worse the next morning. Those mean "
            "ease off and do a little less next time. Staying active, gently, helps a back "
            "recover better than resting it.",
        ),
    ),
    (
        "movement-helps",
        "Why movement helps",
        (),
        (
            "Backs are built to move. Gentle, regular movement keeps the joints supple, the "
            "muscles working and the blood flowing, and it turns the volume of pain down over "
            "time. Long spells in bed tend to slow recovery.",
            "You do not need a perfect exercise. Stretching, strengthening, walking, yoga and "
            "tai chi can all help; the best one is the one you enjoy and will keep doing.",
            "Start with what you can manage today, even if that is only a few minutes, and "
            "build up a little at a time. Most episodes of back pain improve within a few "
            "weeks, and staying active is one of the things that helps most.",
        ),
    ),
    (
        "walking",
        "Walking, built up gently",
        (),
        (
            "Walking is one of the simplest things you can do for your back. In a large "
            "study of people who had recently recovered from low back pain, a walking "
            "programme built up gradually, together with some education, meant fewer "
            "flare-ups that stopped people doing things, and a much longer time before the "
            "next one.",
            "The aim there was at least 30 minutes on 5 days of the week, reached slowly over "
            "about six months. Start with what you can do comfortably on a bad day as well "
            "as a good one, and add only a little each week.",
            "During an episode, short, easy walks are fine too: walk at a comfortable pace, "
            "on flat ground, and turn back before you are tired. Stop for chest pain, "
            "unusual breathlessness or dizziness.",
        ),
    ),
    (
        "pacing",
        "Pacing, and the boom-and-bust pattern",
        (),
        (
            "On a good day it is tempting to do everything: the garden, the shopping, the "
            "long walk. Then the back flares, you rest for days, and you start again from a "
            "lower point. This is the boom-and-bust pattern, and it keeps many people stuck.",
            "Pacing breaks it. Find your baseline: what you can do on most days, bad days "
            "included, without a flare. Start a little below it. Then build up in small, "
            "planned steps, whatever kind of day it is.",
            "Break big jobs into chunks with short breaks or a change of position between "
            "them. Plan from your steady days, never from your best day. Slow and regular "
            "gets further than fast and stop-start.",
        ),
    ),
    (
        "flare-ups",
        "When a flare-up comes",
        (),
        (
            "Even when things are going well, most people with back pain have flare-ups now "
            "and then. They are common, usually settle within days to a few weeks, and do "
            "not usually mean new damage.",
            "During a flare, do less rather than nothing. Keep moving gently around the "
            "house, change position often, and try slow breathing, heat or a comfortable "
            "resting position. Drop the heaviest jobs for a few days, then build back up.",
            "It helps to write your own plan while you feel well: what helps you, what you "
            "drop for a few days, and who you call. 'stretchcoach flare --edit' keeps it for "
            "you, and 'stretchcoach flare' shows it when you need it.",
        ),
    ),
    (
        "sleep",
        "Sleep and your back",
        (),
        (
            "Pain makes sleep harder, and poor sleep makes pain feel worse. Looking after "
            "your sleep is part of looking after your back.",
            "There is no single right position. Many people are comfortable on their side "
            "with a pillow between the knees, or on their back with a pillow under the "
            "knees. To get up, roll onto your side, let your legs go over the edge of the "
            "bed, and push up with your arms.",
            "Regular times for going to bed and getting up, a wind-down before bed, and "
            "less screen time late at night all help. Gentle movement in the day tends to "
            "help sleep at night. If pain keeps waking you and is worse at night whatever "
            "you do, tell your doctor.",
        ),
    ),
    (
        "stress-and-worry",
        "Stress, worry and pain",
        (),
        (
            "Stress and worry do not mean the pain is in your head. They act on the same "
            "alarm system that makes pain: when you are tense, tired or anxious, the alarm "
            "gets louder, and muscles tighten and guard.",
            "Worrying that movement will harm you is very common, and it often leads to "
            "moving less, which makes the back stiffer and more sensitive. Knowing that hurt "
            "is not harm can break that circle.",
            "Things that calm the system help: slow breathing, time outdoors, things you "
            "enjoy, and staying in touch with people. If worry or low mood is hard to "
            "cope with, talk to your doctor: that is a good reason to seek help on its own.",
        ),
    ),
    (
        "desk-habits",
        "Desk habits",
        (),
        (
            "There is no perfect posture to hold all day, and slouching is not in itself "
            "what makes backs hurt. Staying in any one position for a long time becomes "
            "uncomfortable. The best posture is the next one.",
            "Change position often. Stand up, walk to the window or the kettle, and take a "
            "short movement break about every half hour. Standing back bends, hip stretches "
            "and chin tucks are easy to do at a desk.",
            "Set the screen at eye height and keep things you use often within reach, so "
            "you are not twisting and stretching for them all day. Walking to talk to a "
            "colleague, or standing for phone calls, adds movement without extra time.",
        ),
    ),
    (
        "when-to-see-a-doctor",
        "When to see a doctor",
        (),
        (
            "Most back pain improves with time and self-care. Seeing a GP or physiotherapist "
            "is a good idea if it lasts more than a few weeks, keeps coming back, stops your "
            "daily activities, keeps getting worse, or you are worried about it.",
            "Call your local emergency number at once for new numbness around your genitals "
            "or bottom, new trouble peeing or pooing (or leaking), or both legs getting "
            "weaker or numb. These are rare, but they need help the same day.",
            "Contact a doctor today for a high temperature with back pain, weight loss "
            "without trying, one leg getting weaker, pain that is constant and worse at "
            "night, or back pain after a fall if your bones may be fragile or you have had "
            "cancer. The safety questions at the start of a session ask about these.",
        ),
    ),
    (
        "scans",
        "Scans, and what they show",
        (),
        (
            "Many people expect a scan to find the cause of their back pain. For most back "
            "pain a scan is not needed and is not routinely advised.",
            "One reason is that scans of people with no back pain at all often show worn "
            "discs, bulges and other changes. They are a normal part of ageing, like grey "
            "hair, and they often do not match where or how much it hurts. Finding them can "
            "cause worry and lead to treatment that does not help.",
            "A doctor will ask for a scan when the answer would change what they do: for "
            "example with warning signs, or when a specialist is considering an operation or "
            "an injection. If you are unsure why you have or have not had one, ask.",
        ),
    ),
    (
        "pregnancy",
        "Back care in pregnancy",
        ("pregnant", "pelvic-girdle-pain"),
        (
            "Back and pelvic pain are common in pregnancy, and gentle exercise is generally "
            "safe and helpful in a pregnancy without complications. Check with your midwife "
            "or doctor first, and always if your pregnancy is high-risk.",
            "Avoid lying flat on your back for long, especially after about 16 weeks; from "
            "28 weeks go to sleep on your side, naps included. To get up, roll onto your "
            "side first. Exercises on all fours, sitting or standing with support, and "
            "pelvic-floor exercises suit most people.",
            "If you have pain at the front or back of the pelvis, keep your knees together "
            "when you move and turn, and tell your midwife, who can refer you to a "
            "physiotherapist. Stop and call your maternity unit for bleeding, leaking fluid, "
            "regular painful tightenings, or your baby moving less.",
        ),
    ),
    (
        "arthritis-exercise",
        "Rheumatoid arthritis and exercise",
        ("rheumatoid-arthritis",),
        (
            "Regular exercise is good for people with rheumatoid arthritis: it keeps joints "
            "moving, muscles strong and energy up. A physiotherapist or occupational "
            "therapist can tailor a programme for you.",
            "On a flare day, do only gentle movements within comfort and rest hot, swollen "
            "joints. When you feel well, add strengthening and easy activity such as walking "
            "or swimming. Warmth beforehand can ease stiffness.",
            "Use the two-hour rule: if your joints hurt more two hours after exercising, do "
            "less next time. Keep your head in line with your spine and avoid bending the "
            "neck far forward. Tell your doctor promptly about new tingling or clumsiness in "
            "the hands, or a change in your balance.",
        ),
    ),
)
