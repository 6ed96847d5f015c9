# SPDX-License-Identifier: GPL-3.0-or-later
"""figure.py — the one style every drill picture shares: canvas, palette,
line weights, the figure's proportions, arrows and props. draw_drills.py
poses the figure for each drill; what a picture may look like is decided
here alone, so that a new drill cannot drift from the others.

Angles are in degrees and name a direction on the canvas: 0 points down,
90 right, 180 up, -90 left (the canvas's y axis points down). A limb is
drawn from the joint nearer the body outwards, each segment at its own
angle, so a pose cannot stretch a limb: every figure has the same lengths.
"""
import math

SIZE = 128
PAPER = '#f7f1e6'    # the rounded tile behind everything
PROP = '#d9cbb1'     # floor, chair, door frame, mat
GHOST = '#a9d1c9'    # the figure where the movement starts (or its other end)
INK = '#1d6b62'      # the figure where the movement goes
ACCENT = '#e0682a'   # arrows: the path of the movement
PALETTE = (PAPER, PROP, GHOST, INK, ACCENT)

LIMB_W = 7           # arms and legs
TORSO_W = 10
HEAD_R = 8
PROP_W = 4
ARROW_W = 3.5
HEAD_GAP = 3         # between the neck end of the torso and the head

TORSO, UPPER_ARM, FOREARM, THIGH, SHIN, FOOT, HAND = 32, 18, 16, 22, 22, 7, 6
FLOOR_Y = 117        # where standing feet rest (the ankle is 3 above it)


def direction(angle):
    rad = math.radians(angle)
    return math.sin(rad), math.cos(rad)


def step(point, angle, length):
    dx, dy = direction(angle)
    return point[0] + dx * length, point[1] + dy * length


def num(x):
    text = '%.1f' % x
    text = text.rstrip('0').rstrip('.') if '.' in text else text
    return '0' if text in ('-0', '') else text


def pt(p):
    return '%s %s' % (num(p[0]), num(p[1]))


class Pose:
    """A figure: hip is the middle of the pelvis; torso the angle from there
    to the neck; bend bows the spine sideways (positive: towards the
    torso's right, i.e. the canvas's right for an upright torso); head the
    angle from the neck to the head's centre (default: along the torso).
    arms and legs are (far or viewer's-left, near or viewer's-right) pairs of
    (upper, lower) angles; feet an angle per leg or None. shoulder and
    pelvis are half-widths: about 6 and 4 seen from the front, 0 from the
    side. torso_len shortens a torso that leans towards the viewer."""

    def __init__(self, hip, torso=180, bend=0, head=None, arms=((-12, -4), (12, 4)),
                 legs=((-4, -1), (4, 1)), feet=(None, None), hands=(None, None), shoulder=6,
                 pelvis=4, torso_len=TORSO, shoulder_axis=None, pelvis_axis=90,
                 neck_gap=HEAD_GAP, thighs=(THIGH, THIGH)):
        self.hip = hip
        self.torso = torso
        self.bend = bend
        self.head = torso if head is None else head
        self.arms = list(arms)
        self.legs = list(legs)
        self.feet = feet
        self.hands = hands
        self.thighs = thighs
        self.shoulder = shoulder
        self.pelvis = pelvis
        self.torso_len = torso_len
        self.shoulder_axis = torso - 90 if shoulder_axis is None else shoulder_axis
        self.pelvis_axis = pelvis_axis
        self.neck_gap = neck_gap

    @property
    def neck(self):
        return step(self.hip, self.torso, self.torso_len)

    @property
    def head_centre(self):
        return step(self.neck, self.head, self.neck_gap + HEAD_R)

    def shoulders(self):
        n = self.neck
        return (step(n, self.shoulder_axis, -self.shoulder),
                step(n, self.shoulder_axis, self.shoulder))

    def hips(self):
        return (step(self.hip, self.pelvis_axis, -self.pelvis),
                step(self.hip, self.pelvis_axis, self.pelvis))

    def hand(self, side):
        upper, lower = self.arms[side]
        return step(step(self.shoulders()[side], upper, UPPER_ARM), lower, FOREARM)

    def elbow(self, side):
        return step(self.shoulders()[side], self.arms[side][0], UPPER_ARM)

    def knee(self, side):
        return step(self.hips()[side], self.legs[side][0], self.thighs[side])

    def reach_arm(self, side, target, bend=1):
        self.arms[side] = reach(self.shoulders()[side], target, UPPER_ARM, FOREARM, bend)
        return self

    def reach_leg(self, side, target, bend=1):
        self.legs[side] = reach(self.hips()[side], target, self.thighs[side], SHIN, bend)
        return self

    def ankle(self, side):
        return step(self.knee(side), self.legs[side][1], SHIN)

    def arm_path(self, side):
        s = self.shoulders()[side]
        upper, lower = self.arms[side]
        e = step(s, upper, UPPER_ARM)
        w = step(e, lower, FOREARM)
        path = 'M%sL%sL%s' % (pt(s), pt(e), pt(w))
        if self.hands[side] is not None:
            path += 'L%s' % pt(step(w, self.hands[side], HAND))
        return path

    def leg_path(self, side):
        h = self.hips()[side]
        thigh, shin = self.legs[side]
        k = step(h, thigh, self.thighs[side])
        a = step(k, shin, SHIN)
        path = 'M%sL%sL%s' % (pt(h), pt(k), pt(a))
        if self.feet[side] is not None:
            path += 'L%s' % pt(step(a, self.feet[side], FOOT))
        return path

    def torso_path(self):
        h, n = self.hip, self.neck
        if not self.bend:
            return 'M%sL%s' % (pt(h), pt(n))
        mid = ((h[0] + n[0]) / 2, (h[1] + n[1]) / 2)
        ctrl = step(mid, self.torso - 90, 2 * self.bend)
        return 'M%sQ%s %s' % (pt(h), pt(ctrl), pt(n))


def reach(start, target, first, second, bend=1):
    """The angles of a two-segment limb from start whose end lies on target
    (or points at it, if it is out of reach); bend 1 or -1 picks the side
    the middle joint goes to."""
    dist = math.hypot(target[0] - start[0], target[1] - start[1])
    towards = angle_of(start, target)
    dist = min(dist, first + second - 0.01)
    cos_a = (first * first + dist * dist - second * second) / (2 * first * dist)
    a1 = towards + bend * math.degrees(math.acos(max(-1.0, min(1.0, cos_a))))
    joint = step(start, a1, first)
    return a1, angle_of(joint, target)


def figure(pose, colour, skip=()):
    """The figure in one colour, far limbs first. skip leaves out parts
    ('arms', 'legs', 'head', 'torso', 'arm0', ...) that another layer draws."""
    out = ['<g fill="none" stroke="%s" stroke-linecap="round" stroke-linejoin="round">'
           % colour]
    layers = [('leg0', pose.leg_path(0), LIMB_W), ('arm0', pose.arm_path(0), LIMB_W),
              ('torso', pose.torso_path(), TORSO_W), ('leg1', pose.leg_path(1), LIMB_W),
              ('arm1', pose.arm_path(1), LIMB_W)]
    for name, path, width in layers:
        if name in skip or name[:-1] + 's' in skip:
            continue
        out.append('<path d="%s" stroke-width="%s"/>' % (path, num(width)))
    out.append('</g>')
    if 'head' not in skip:
        c = pose.head_centre
        out.append('<circle cx="%s" cy="%s" r="%s" fill="%s"/>'
                   % (num(c[0]), num(c[1]), num(HEAD_R), colour))
    return '\n'.join(out)


def limb(a, b, colour):
    """One loose segment drawn like a limb: a hand or foot's other position."""
    return ('<path d="M%sL%s" fill="none" stroke="%s" stroke-width="%s" stroke-linecap="round"/>'
            % (pt(a), pt(b), colour, num(LIMB_W)))


def _head(tip, angle):
    """An arrowhead whose point lies just past tip, pointing along angle."""
    point = step(tip, angle, 4)
    back = step(tip, angle, -5)
    left = step(back, angle + 90, 5)
    right = step(back, angle - 90, 5)
    return '<path d="M%sL%sL%sZ" fill="%s"/>' % (pt(point), pt(left), pt(right), ACCENT)


def angle_of(a, b):
    return math.degrees(math.atan2(b[0] - a[0], b[1] - a[1]))


def _stroke(path):
    return ('<path d="%s" fill="none" stroke="%s" stroke-width="%s" stroke-linecap="round"/>'
            % (path, ACCENT, num(ARROW_W)))


def arc(centre, rx, ry, start, end, heads='end'):
    """An arrow along an ellipse from angle start to end (the canvas's
    angles as above; end > start turns anticlockwise on screen, i.e. from
    down towards right). heads: 'end', 'start' or 'both'."""
    def at(t):
        dx, dy = direction(t)
        return centre[0] + rx * dx, centre[1] + ry * dy
    n = max(8, int(abs(end - start) / 6))
    points = [at(start + (end - start) * i / n) for i in range(n + 1)]
    out = [_stroke('M' + 'L'.join(pt(p) for p in points))]
    if heads in ('end', 'both'):
        out.append(_head(points[-1], angle_of(points[-2], points[-1])))
    if heads in ('start', 'both'):
        out.append(_head(points[0], angle_of(points[1], points[0])))
    return '\n'.join(out)


def loop(centre, rx, ry, inside):
    """A loop arrow around a body seen from the front (the chest, the hips):
    its far half behind the parts in inside, its near half over them."""
    return [arc(centre, rx, ry, 95, 265, heads='none')] + list(inside) + [
        arc(centre, rx, ry, 275, 440)]


def curve(start, ctrl, end, heads='end'):
    """An arrow along a quadratic curve (ctrl = start makes it straight)."""
    out = [_stroke('M%sQ%s %s' % (pt(start), pt(ctrl), pt(end)))]
    if heads in ('end', 'both'):
        out.append(_head(end, angle_of(ctrl if ctrl != end else start, end)))
    if heads in ('start', 'both'):
        out.append(_head(start, angle_of(ctrl if ctrl != start else end, start)))
    return '\n'.join(out)


def line(a, b, width=PROP_W):
    return ('<path d="M%sL%s" fill="none" stroke="%s" stroke-width="%s" stroke-linecap="round"/>'
            % (pt(a), pt(b), PROP, num(width)))


def floor(x0=14, x1=114, y=FLOOR_Y + 2):
    return line((x0, y), (x1, y))


def block(x, y, w, h, rx=3):
    """A solid prop: a seat, a bed's edge, a mat."""
    return ('<rect x="%s" y="%s" width="%s" height="%s" rx="%s" fill="%s"/>'
            % (num(x), num(y), num(w), num(h), num(rx), PROP))


def chair(x, seat_y, facing=1, back=True):
    """A side-on chair whose seat front edge is at x; facing 1 = the sitter
    looks right."""
    x_back = x - facing * 30
    parts = [line((x, seat_y), (x_back, seat_y)),
             line((x - facing * 3, seat_y), (x - facing * 3, FLOOR_Y + 2)),
             line((x_back + facing * 3, seat_y), (x_back + facing * 3, FLOOR_Y + 2))]
    if back:
        parts.append(line((x_back, seat_y), (x_back - facing * 3, seat_y - 34)))
    return '\n'.join(parts)


def document(title, parts):
    """The picture's file: the tile, then parts in drawing order."""
    body = '\n'.join(parts)
    return ('<!-- SPDX-License-Identifier: GPL-3.0-or-later -->\n'
            '<!-- Made by data/drills/draw_drills.py: change the pose there and run it. -->\n'
            '<svg xmlns="http://www.w3.org/2000/svg" width="%d" height="%d" viewBox="0 0 %d %d">\n'
            '<title>%s</title>\n'
            '<rect width="%d" height="%d" rx="18" fill="%s"/>\n'
            '%s\n</svg>\n' % (SIZE, SIZE, SIZE, SIZE, title, SIZE, SIZE, PAPER, body))
