#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""draw_drills.py [--check] [DIR] — draws the picture of every shipped drill
into DIR/<id>.svg (default: this script's folder), one pose per drill in the
style of figure.py. The SVG files are committed, so the catalog, the
installed tree and GitHub see them without a build; this script is their
source. --check writes nothing and exits 1 when a file differs from what
the script makes (tests/tools/check_drill_pictures.py runs it).

The ghost (light) figure is where a movement starts or its other end, the
ink figure where it goes, and the orange arrows the path between them.
"""
import os
import sys

sys.dont_write_bytecode = True   # keep the source tree free of __pycache__
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from figure import (FLOOR_Y, FOOT, GHOST, HAND, INK, Pose, angle_of, arc, block,  # noqa: E402
                    chair, curve, document, figure, floor, limb, line, loop, step)

DRILLS = {}
STAND_Y = 70          # the hip of an upright figure whose feet are on the floor
FEET_Y = FLOOR_Y - 3  # ankles on the floor


def drill(title):
    def register(fn):
        DRILLS[fn.__name__.replace('_', '-')] = (title, fn)
        return fn
    return register


def side_standing(x, **kw):
    """Seen from the side, looking right, upright."""
    kw.setdefault('legs', ((2, 0), (-2, 0)))
    kw.setdefault('arms', ((4, 0), (-4, 0)))
    kw.setdefault('feet', (90, 90))
    return Pose((x, STAND_Y), shoulder=0, pelvis=0, **kw)


@drill('Bent forward, hands on the thighs, the belly drawn in and up after breathing out')
def abdominal_lift():
    p = Pose((44, 75), torso=138, head=128, shoulder=0, pelvis=0, feet=(90, 90))
    p.reach_leg(0, (52, FEET_Y), 1).reach_leg(1, (55, FEET_Y), 1)
    knee = p.knee(1)
    p.reach_arm(0, (knee[0] - 1, knee[1] - 7), 1).reach_arm(1, (knee[0] + 1, knee[1] - 6), 1)
    belly = step(p.hip, 138, 16)
    mouth = step(p.head_centre, 105, 11)
    return [floor(),
            figure(p, INK),
            curve(step(belly, 20, 18), step(belly, 40, 12), step(belly, 70, 7)),
            curve(mouth, mouth, step(mouth, 75, 10), heads='none'),
            curve(step(mouth, 0, 6), step(mouth, 0, 6), step(step(mouth, 0, 6), 65, 8),
                  heads='none')]


@drill('On hands and knees, the back rounds up like a cat and sags down like a dog')
def cats_and_dogs():
    def pose(bend, head):
        p = Pose((42, 93), torso=110, bend=bend, head=head, shoulder=0, pelvis=0,
                 legs=((0, -90), (0, -90)))
        p.reach_arm(0, (step(p.neck, 0, 34)[0] + 1, FLOOR_Y), -1)
        p.reach_arm(1, (step(p.neck, 0, 34)[0] + 3, FLOOR_Y), -1)
        return p
    dog, cat = pose(8, 140), pose(-9, 35)
    return [floor(),
            figure(dog, GHOST), figure(cat, INK),
            curve((56, 50), (56, 50), (56, 66), heads='both')]


@drill('Arms hugging the chest, then swept wide open with the chest lifted')
def chest_opening():
    hug = Pose((64, STAND_Y), arms=((-25, 115), (25, -115)))
    open_ = Pose((64, STAND_Y), arms=((-118, -125), (118, 125)), head=182)
    s0, s1 = open_.shoulders()
    return [floor(),
            figure(hug, GHOST), figure(open_, INK),
            arc(s0, 26, 26, -35, -95), arc(s1, 26, 26, 35, 95)]


@drill('The rib cage slides around in a loop over still hips, the head staying put')
def chest_rotations():
    def pose(lean):
        return Pose((64, STAND_Y), torso=180 - lean, bend=-lean / 4, head=180 + lean,
                    arms=((-10, -6), (10, 6)))
    return [floor()] + loop((64, 47), 26, 8, [figure(pose(-9), GHOST), figure(pose(9), INK)])


@drill('Seated with one ankle on the other knee, the raised knee sinks and the body tips forward')
def deep_gluteal():
    def pose(torso_len, head_gap):
        p = Pose((64, 88), torso_len=torso_len, neck_gap=head_gap, thighs=(10, 19),
                 legs=((-40, 0), (122, 0)), arms=((-15, 25), (15, -25)))
        lk, rk = p.knee(0), p.knee(1)
        p.legs[1] = (122, angle_of(rk, (lk[0] + 2, lk[1] - 5)))
        return p
    up, down = pose(32, 3), pose(24, 2)
    knee = down.knee(1)
    return [floor(),
            block(36, 92, 56, 5),
            line((41, 97), (41, FLOOR_Y + 2)), line((87, 97), (87, FLOOR_Y + 2)),
            figure(up, GHOST, skip=('legs',)), figure(down, INK),
            curve((up.head_centre[0] - 15, up.head_centre[1] - 2),
                  (up.head_centre[0] - 19, up.head_centre[1] + 6),
                  (down.head_centre[0] - 13, down.head_centre[1] + 2)),
            curve((knee[0], knee[1] - 22), (knee[0], knee[1] - 22), (knee[0], knee[1] - 10))]


@drill('A forearm on the door frame, a step through, the chest easing forward')
def doorway_pec():
    post_x = 44
    def pose(x, torso):
        p = side_standing(x, torso=torso, legs=((0, 0), (0, 0)))
        p.reach_leg(0, (x - 12, FEET_Y), 1).reach_leg(1, (x + 10, FEET_Y), 1)
        s = p.shoulders()[1]
        upper = angle_of(s, (post_x + 3, s[1] + 1))
        p.arms[1] = (upper, 180)
        p.arms[0] = (6, 0)
        return p
    back, through = pose(47, 180), pose(58, 166)
    return [floor(),
            block(post_x - 8, 8, 6, FLOOR_Y - 6),
            figure(back, GHOST), figure(through, INK),
            curve((back.neck[0] + 10, back.neck[1] + 10), (back.neck[0] + 10, back.neck[1] + 10),
                  (through.neck[0] + 16, through.neck[1] + 9))]


@drill('Seated, one foot lifted and drawing slow circles at the ankle')
def foot_circles():
    p = Pose((46, 91), torso=184, shoulder=0, pelvis=0, feet=(90, 150),
             legs=((90, 0), (98, 62)))
    p.reach_arm(0, step(p.hip, 90, 16), 1).reach_arm(1, step(p.hip, 93, 18), 1)
    ankle = p.ankle(1)
    return [floor(),
            chair(56, 95),
            figure(p, INK),
            limb(ankle, step(ankle, 40, FOOT), GHOST),
            figure(p, INK, skip=('arms', 'torso', 'head', 'leg0')),
            arc((ankle[0] + 4, ankle[1] - 2), 13, 13, 30, 320)]


@drill('Seated on a firm edge, arms straight and hands flat beside the hips, leaning onto one')
def forearm_seated():
    def pose(torso):
        p = Pose((64, 86), torso=torso, thighs=(8, 8), legs=((-35, -2), (35, 2)))
        s0, s1 = p.shoulders()
        p.arms[0] = (angle_of(s0, (40, 90)),) * 2
        p.arms[1] = (angle_of(s1, (88, 90)),) * 2
        return p
    upright, lean = pose(180), pose(194)
    return [floor(),
            block(16, 90, 96, 27),
            figure(upright, GHOST), figure(lean, INK),
            curve((upright.head_centre[0] + 4, upright.head_centre[1] - 14),
                  (upright.head_centre[0] - 6, upright.head_centre[1] - 16),
                  (lean.head_centre[0] - 12, lean.head_centre[1] - 6))]


@drill('An arm held out straight, the other hand bending its wrist back and then down')
def forearm_standing():
    p = side_standing(52)
    p.arms[1] = (90, 90)
    wrist = p.hand(1)
    p.reach_arm(0, (wrist[0] + 3, wrist[1] - 9), 1)
    p.hands = (None, 180)
    ghost = side_standing(52)
    ghost.arms[1] = (90, 90)
    ghost.hands = (None, 0)
    return [floor(),
            figure(ghost, GHOST, skip=('legs', 'torso', 'head', 'arm0')),
            figure(p, INK),
            arc(wrist, 15, 15, 160, 20, heads='both')]


@drill('A gentle lunge, the back hip sinking forward, then the back foot lifted and turned')
def iliopsoas():
    def pose(hip):
        p = side_standing(hip[0])
        p.hip = hip
        p.reach_leg(1, (hip[0] + 26, FEET_Y), -1).reach_leg(0, (hip[0] - 30, FEET_Y), 1)
        p.arms = [(-20, 30), (-20, 30)]
        return p
    high, low = pose((56, 74)), pose((62, 80))
    return [floor(),
            figure(high, GHOST), figure(low, INK),
            curve((42, 66), (46, 78), (54, 84))]


@drill('A deep lunge seen from the front: the back hip pushed out, arms overhead leaning away')
def iliotibial_band():
    p = Pose((70, 80), torso=196, bend=5, head=200, arms=((-150, -120), (205, 240)))
    p.reach_leg(0, (44, FEET_Y), -1).reach_leg(1, (80, FEET_Y), 1)
    return [floor(),
            figure(p, INK),
            curve((82, 80), (82, 80), (97, 80)),
            curve((96, 64), (100, 40), (86, 26))]


@drill('Upright, the head rolling slowly around in a circle')
def neck_circles():
    ghost_l = Pose((64, STAND_Y), head=208)
    ghost_r = Pose((64, STAND_Y), head=152)
    p = Pose((64, STAND_Y), head=180)
    c = p.neck
    return [floor(),
            figure(ghost_l, GHOST, skip=('arms', 'legs', 'torso')),
            figure(ghost_r, GHOST, skip=('arms', 'legs', 'torso')),
            figure(p, INK),
            arc((c[0], c[1] - 12), 24, 17, 120, 400)]


@drill('The head tipped up and away to one side, then the cheek lowered to the other shoulder')
def neck_flexors():
    up = Pose((64, STAND_Y), head=208)
    down = Pose((64, STAND_Y), head=130, neck_gap=1)
    s0 = down.shoulders()[0]
    return [floor(),
            figure(up, GHOST, skip=('arms', 'legs', 'torso')),
            figure(down, INK),
            arc(down.neck, 20, 20, 212, 138),
            curve((s0[0] - 8, s0[1] - 14), (s0[0] - 8, s0[1] - 14), (s0[0] - 8, s0[1] - 3))]


@drill('Soft knees and hands on the hips, the pelvis circling wide')
def pelvic_circles():
    def pose(dx):
        p = Pose((64 + dx, STAND_Y + 2), torso=180 + dx * 1.2)
        p.reach_leg(0, (54, FEET_Y), -1).reach_leg(1, (74, FEET_Y), 1)
        h0, h1 = p.hips()
        p.reach_arm(0, (h0[0] - 2, h0[1] - 2), -1).reach_arm(1, (h1[0] + 2, h1[1] - 2), 1)
        return p
    return [floor()] + loop((64, 72), 22, 7, [figure(pose(-6), GHOST), figure(pose(6), INK)])


@drill('Fists on the hips, then elbows at the ribs and hands turned out to the sides')
def rotator_cuff():
    ghost = Pose((64, STAND_Y))
    h0, h1 = ghost.hips()
    ghost.reach_arm(0, (h0[0] - 3, h0[1] - 4), -1).reach_arm(1, (h1[0] + 3, h1[1] - 4), 1)
    p = Pose((64, STAND_Y), arms=((-12, -95), (12, 95)))
    e0, e1 = p.elbow(0), p.elbow(1)
    return [floor(),
            figure(ghost, GHOST), figure(p, INK),
            arc(e0, 20, 20, 20, -80), arc(e1, 20, 20, -20, 80)]


@drill('Hips facing ahead, the shoulders turning to one side with the arms swinging loose')
def spinal_twist():
    ghost = Pose((64, STAND_Y), legs=((-8, -2), (8, 2)))
    p = Pose((64, STAND_Y), legs=((-8, -2), (8, 2)), shoulder=3,
             arms=((15, 70), (40, 80)))
    return [floor(),
            figure(ghost, GHOST, skip=('legs',)), figure(p, INK),
            arc((64, 44), 30, 9, 290, 430, heads='both')]


@drill('Standing, the spine curling forward from the top until the body hangs from the hips')
def forward_bend():
    ghost = side_standing(52)
    p = side_standing(46, torso=64, bend=-5, head=14, arms=((-4, -8), (2, -2)))
    p.reach_leg(0, (52, FEET_Y), 1).reach_leg(1, (54, FEET_Y), 1)
    return [floor(),
            figure(ghost, GHOST), figure(p, INK),
            arc((50, 70), 44, 44, 172, 78)]


@drill('Knees bent and the bottom pushed back as if onto a stool, the upper body leaning forward')
def stick_your_bum_out():
    ghost = side_standing(60)
    p = side_standing(46, torso=150, bend=-2, head=150)
    p.hip = (44, 86)
    p.reach_leg(0, (60, FEET_Y), 1).reach_leg(1, (62, FEET_Y), 1)
    p.arms = [(22, 30), (28, 36)]
    return [floor(),
            figure(ghost, GHOST), figure(p, INK),
            curve((52, 66), (38, 68), (36, 80))]


@drill('Lying on the back, seen from above: arms wide, bent knees falling to one side')
def supine_lumbar_twist():
    def pose(thighs, shins):
        return Pose((78, 64), torso=-90, head=-90, shoulder_axis=180, pelvis_axis=180,
                    arms=((180, 180), (0, 0)), pelvis=3,
                    legs=((thighs[0], shins[0]), (thighs[1], shins[1])))
    return [block(8, 44, 112, 40, rx=6),
            figure(pose((124, 134), (-136, -126)), GHOST),
            figure(pose((56, 46), (-44, -54)), INK),
            arc((78, 64), 32, 32, 122, 58, heads='end')]


@drill('Standing side on, both arms swinging in big circles at the shoulders')
def wide_arm_circles():
    p = side_standing(56, arms=((150, 150), (150, 150)))
    ghost = side_standing(56, arms=((40, 40), (-100, -100)))
    s = p.shoulders()[1]
    return [floor(),
            figure(ghost, GHOST, skip=('legs', 'torso', 'head')),
            figure(p, INK),
            arc(s, 28, 28, 60, 300)]


@drill('Forearms held still, the hands circling at the wrists')
def wrist_circles():
    p = side_standing(46, arms=((24, 90), (24, 90)), hands=(None, 90))
    w = p.hand(1)
    return [floor(),
            limb(w, step(w, 150, HAND), GHOST), limb(w, step(w, 30, HAND), GHOST),
            figure(p, INK),
            arc((w[0] + 3, w[1]), 13, 13, 200, 500)]


def render_all():
    return {name: document(title, fn()) for name, (title, fn) in sorted(DRILLS.items())}


def main(argv):
    check = '--check' in argv
    args = [a for a in argv if a != '--check']
    outdir = args[0] if args else os.path.dirname(os.path.abspath(__file__))
    stale = []
    for name, text in render_all().items():
        path = os.path.join(outdir, name + '.svg')
        if check:
            try:
                with open(path, encoding='utf-8') as f:
                    if f.read() == text:
                        continue
            except FileNotFoundError:
                pass
            stale.append(path)
        else:
            with open(path, 'w', encoding='utf-8') as f:
                f.write(text)
    for path in stale:
        print('%s differs from what data/drills/draw_drills.py draws: run it' % path)
    return 1 if stale else 0


if __name__ == '__main__':
    sys.exit(main(sys.argv[1:]))
